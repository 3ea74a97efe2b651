import { explainProblem, formatTime } from './problems';

describe('explainProblem', () => {
  it('says who changed the story meanwhile on a 412 and offers a reload', () => {
    const explained = explainProblem(
      { type: '/problems/precondition-failed', title: 'Precondition failed', status: 412, detail: 'x', currentRevision: 8 },
      {
        shownRevision: 7,
        latest: { revision: 8, actor: 'eddie', recordedAt: '2026-12-06T02:58:00Z', summary: 'Category added: Europe' },
      },
    );
    expect(explained.offerReload).toBe(true);
    expect(explained.message).toBe(
      'eddie changed this story at 6 Dec 2026, 02:58 UTC (Category added: Europe). You were looking at revision 7; it is now at revision 8. Your change was not saved, so nothing was overwritten. Reload the story, check their change, then make yours again.',
    );
  });

  it('names the person by the name their sign-in carried, when it carried one', () => {
    const { message } = explainProblem(
      { status: 412, type: '/problems/precondition-failed', currentRevision: 8 },
      {
        latest: {
          revision: 8,
          actor: '00u1ab2@https://idp.example/',
          actorName: 'Anna Keller',
          recordedAt: '2026-12-06T10:42:00Z',
          summary: 'Headline set',
        },
      },
    );
    expect(message).toMatch(/^Anna Keller changed this story at 6 Dec 2026, 10:42 UTC \(Headline set\)\./);
  });

  it('on a stale edit’s 412, says who changed the very paragraph, when, and in which revision', () => {
    const explained = explainProblem(
      {
        status: 412,
        type: '/problems/precondition-failed',
        currentRevision: 8,
        seenRevision: 5,
        conflictingFields: ['block:b9'],
        conflicts: [
          {
            revision: 7,
            actor: '00u1ab2@https://idp.example/',
            actorName: 'Anna Keller',
            recordedAt: '2026-12-06T10:42:00Z',
            summary: 'Attribution fixed: “Citizen Free Press’s Matthew Chance” → “CNN’s Matthew Chance”',
          },
        ],
      },
      // The history's latest entry is someone else's, elsewhere: the problem's own names win.
      {
        shownRevision: 5,
        latest: { revision: 8, actor: 'eddie', recordedAt: '2026-12-06T10:50:00Z', summary: 'Category added: Europe' },
      },
    );
    expect(explained).toEqual({
      offerReload: true,
      message:
        'Anna Keller changed this paragraph at 6 Dec 2026, 10:42 UTC (revision 7: Attribution fixed: “Citizen Free Press’s Matthew Chance” → “CNN’s Matthew Chance”). You were looking at revision 5; it is now at revision 8. Your change was not saved, so nothing was overwritten. Reload the story, check their change, then make yours again.',
    });
  });

  it('names everyone who changed the edited text, the last change in full; the headline and categories by name', () => {
    const entry = (revision: number, actor: string, actorName: string | null) => ({
      revision,
      actor,
      actorName,
      recordedAt: `2026-12-06T10:4${revision}:00Z`,
      summary: `Change ${revision}`,
    });
    const { message } = explainProblem({
      status: 412,
      type: '/problems/precondition-failed',
      conflictingFields: ['block:b3', 'block:b9'],
      conflicts: [entry(2, 'bob', null), entry(4, 'anna', 'Anna Keller'), entry(5, 'bob', null)],
    });
    expect(message).toMatch(
      /^bob and Anna Keller changed the paragraphs your change depends on while you were working on it, last bob at 6 Dec 2026, 10:45 UTC \(revision 5: Change 5\)\./,
    );
    const headline = explainProblem({ status: 412, conflictingFields: ['headline'], conflicts: [entry(3, 'eddie', null)] });
    expect(headline.message).toMatch(/^eddie changed the headline at 6 Dec 2026, 10:43 UTC \(revision 3: Change 3\)\./);
    const category = explainProblem({
      status: 412,
      conflictingFields: ['category:diplomacy'],
      conflicts: [entry(3, 'eddie', null)],
    });
    expect(category.message).toMatch(/^eddie changed this category at/);
  });

  it('still explains a 412 when the history cannot be read', () => {
    const { message, offerReload } = explainProblem({ status: 412, type: '/problems/precondition-failed' });
    expect(offerReload).toBe(true);
    expect(message).toContain('Someone else changed this story while you were working on it.');
    expect(message).toContain('nothing was overwritten');
  });

  it('quotes a find string that is not in the text', () => {
    const { message, offerReload } = explainProblem({ status: 422, type: '/problems/text-not-found' }, { find: 'La Casa' });
    expect(message).toBe(
      '“La Casa” is not in the story as it stands. Check the spelling or select the text again; nothing was changed.',
    );
    expect(offerReload).toBe(false);
  });

  it('says how often an ambiguous find string appears', () => {
    expect(explainProblem({ status: 422, type: '/problems/ambiguous-match', matches: 3 }, { find: 'Putin' }).message).toBe(
      '“Putin” appears 3 times. Select more of the surrounding words so it matches only once.',
    );
  });

  it('names the revisions that block a revert (409)', () => {
    expect(explainProblem({ status: 409, type: '/problems/revert-conflict', conflictingRevisions: [5, 7] }).message).toBe(
      'This change cannot be undone on its own: later revisions 5 and 7 changed the same text. Restore an earlier version instead, or correct the text by hand.',
    );
    expect(explainProblem({ status: 409, type: '/problems/revert-conflict', conflictingRevisions: [4] }).message).toContain(
      'later revision 4 changed',
    );
  });

  it('words role, headline, validation and outage refusals', () => {
    expect(explainProblem({ status: 403, type: '/problems/published-article-locked' }).message).toBe(
      'This story is published: only an editor can change it now.',
    );
    expect(explainProblem({ status: 403, type: '/problems/forbidden' }).message).toBe(
      'Your role does not allow this. Ask an editor.',
    );
    expect(explainProblem({ status: 422, type: '/problems/headline-required' }).message).toContain('needs a headline');
    expect(explainProblem({ status: 400, errors: [{ field: 'reason', message: 'is required' }] }).message).toBe(
      'Please check: reason: is required.',
    );
    expect(explainProblem({ status: 503 }).message).toContain('not reachable');
    expect(explainProblem(undefined).message).toContain('could not reach the newsroom server');
  });
});

describe('formatTime', () => {
  it('is the same in every time zone', () => {
    expect(formatTime('2021-06-16T14:05:09.123Z')).toBe('16 Jun 2021, 14:05 UTC');
    expect(formatTime('not a time')).toBe('not a time');
  });
});
