import { noticesByRevision } from './revision-notices';

const at = '2026-12-06T10:00:00.000Z';

describe('noticesByRevision', () => {
  it('puts each notice under the revision that published it, oldest first', () => {
    const byRevision = noticesByRevision([
      { revision: 3, kind: 'correction', recordedAt: at, text: 'An earlier version misnamed the White House.' },
      { revision: 7, kind: 'update', recordedAt: at, text: 'Adds the press conference.' },
      { revision: 7, kind: 'clarification', recordedAt: at, text: 'Geneva, not Bern.' },
    ]);
    expect(byRevision.get(3)?.map((n) => n.text)).toEqual(['An earlier version misnamed the White House.']);
    expect(byRevision.get(7)?.map((n) => n.kind)).toEqual(['update', 'clarification']);
  });

  it('has nothing for a revision that published no notice', () => {
    expect(noticesByRevision([]).get(1)).toBeUndefined();
  });
});
