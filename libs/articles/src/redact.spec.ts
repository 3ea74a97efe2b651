import type { ArticleCommand } from './commands';
import { decide } from './decide';
import type { RecordedArticleEvent } from './events';
import { fold } from './evolve';
import { pastIn } from './past';
import { decideRedaction, type LoggedArticleEvent, type RedactPassage } from './redact';
import { summarize } from './summary';
import { append, ARTICLE_ID, EDITOR, givenSample, refusal, type Stream } from './testing/given';

const NAME = 'Matthew Chance';

/** Created, the attribution fixed with a notice, then the name corrected away: it stands only in the past. */
const corrected = givenSample(
  {
    type: 'FixAttribution',
    find: "Citizen Free Press's Matthew Chance",
    replace: 'CNN’s Matthew Chance',
    notice: 'The question came from CNN’s Matthew Chance.',
  },
  { type: 'CorrectText', find: 'CNN’s Matthew Chance', replace: 'a CNN correspondent' },
);

const redact = (extra: Partial<RedactPassage> = {}): RedactPassage => ({
  type: 'RedactPassage',
  text: NAME,
  authority: 'High Court, injunction HC-2026-117',
  reason: 'Court order',
  ...extra,
});

function logged(stream: Stream, reasons: Record<number, string> = {}): LoggedArticleEvent[] {
  return stream.history.map((recorded) => ({ recorded, reason: reasons[recorded.revision] ?? null }));
}

/** The stream with the redaction applied as the store applies it: events rewritten, the record appended. */
function redacted(stream: Stream, command = redact()): Stream {
  const { rewrites, event } = decideRedaction(command, stream.state, logged(stream));
  const history = stream.history.map((recorded): RecordedArticleEvent => {
    const rewrite = rewrites.find((r) => r.revision === recorded.revision);
    return rewrite ? { ...recorded, event: rewrite.event } : recorded;
  });
  return append({ state: fold(ARTICLE_ID, history), history }, event);
}

describe('decideRedaction', () => {
  it('rewrites every earlier event that held the passage, even one only older revisions show, and names them', () => {
    expect(JSON.stringify(corrected.state.blocks)).not.toContain(NAME);
    const redaction = decideRedaction(redact(), corrected.state, logged(corrected));
    expect(redaction.rewrites.map((r) => r.revision)).toEqual([1, 2, 3]);
    expect(redaction.event).toEqual({
      type: 'PassageRedacted',
      data: { authority: 'High Court, injunction HC-2026-117', redactedRevisions: [1, 2, 3] },
    });
    expect(JSON.stringify(redaction.rewrites)).not.toContain(NAME);
  });

  it('leaves a stream whose every revision folds without the passage, the record changing no content', () => {
    const after = redacted(corrected);
    for (let revision = 1; revision <= after.history.length; revision++) {
      const state = fold(ARTICLE_ID, after.history.slice(0, revision));
      expect(JSON.stringify(state)).not.toContain(NAME);
    }
    expect(JSON.stringify(after.history)).not.toContain(NAME);
    const { revision: _r, updatedAt: _u, ...content } = after.state;
    const { revision: _r0, updatedAt: _u0, ...before } = fold(ARTICLE_ID, after.history.slice(0, 3));
    expect(content).toEqual(before);
    expect(after.state.corrections[0].text).toBe('The question came from CNN’s [redacted].');
    expect(summarize(after.history[3].event)).toBe(
      'Passage redacted from revisions 1, 2 and 3 (authority: “High Court, injunction HC-2026-117”)',
    );
  });

  it('redacts the reasons of earlier events too', () => {
    const { rewrites } = decideRedaction(
      redact({ text: 'White House' }),
      corrected.state,
      logged(corrected, { 2: 'Asked the White House' }),
    );
    expect(rewrites.find((r) => r.revision === 2)?.reason).toBe('Asked the [redacted]');
  });

  it('takes the passage from a block and a range of its current text', () => {
    const b1 = corrected.state.blocks[0].text;
    const start = b1.indexOf('Joe Biden');
    const { passage, rewrites } = decideRedaction(
      redact({ text: undefined, blockId: 'b1', range: { start, end: start + 'Joe Biden'.length } }),
      corrected.state,
      logged(corrected),
    );
    expect(passage).toBe('Joe Biden');
    expect(rewrites.map((r) => r.revision)).toEqual([1]);
  });

  it.each([
    ['a blank passage', redact({ text: '  ' }), 'InvalidPassage'],
    ['part of the marker', redact({ text: 'redacted' }), 'InvalidPassage'],
    ['a passage in no revision', redact({ text: 'Boris Johnson' }), 'PassageNotFound'],
    ['the passage in the reason', redact({ reason: "Matthew Chance's lawyers" }), 'PassageInRedaction'],
    ['the passage in the authority', redact({ authority: 'Chance v. Newsroom (Matthew Chance)' }), 'PassageInRedaction'],
    ['an unknown block', redact({ text: undefined, blockId: 'b99', range: { start: 0, end: 3 } }), 'BlockNotFound'],
    ['a range beyond the block', redact({ text: undefined, blockId: 'b1', range: { start: 5, end: 5000 } }), 'InvalidPassage'],
    ['both a text and a range', redact({ blockId: 'b1', range: { start: 0, end: 3 } }), 'InvalidPassage'],
    ['an empty range', redact({ text: undefined, blockId: 'b1', range: { start: 5, end: 5 } }), 'InvalidPassage'],
  ])('refuses %s', (_case, command, code) => {
    expect(refusal(() => decideRedaction(command, corrected.state, logged(corrected))).code).toBe(code);
  });

  it('refuses a passage an earlier redaction names: the redaction is final', () => {
    const after = redacted(corrected, redact({ text: 'Geneva', authority: 'Order about Putin' }));
    const error = refusal(() => decideRedaction(redact({ text: 'Putin' }), after.state, logged(after)));
    expect(error.code).toBe('PassageInRedaction');
    expect(error.details).toEqual({ revision: 4 });
  });
});

describe('a redaction is final', () => {
  const after = redacted(corrected);
  const decideOn = (command: ArticleCommand) =>
    decide(command, after.state, { actor: EDITOR, past: pastIn(after.history, command, after.state) });

  it('cannot be reverted, nor restored to', () => {
    expect(refusal(() => decideOn({ type: 'RevertChange', revision: 4 })).code).toBe('NotRevertible');
    expect(refusal(() => decideOn({ type: 'RestoreArticle', revision: 4 })).code).toBe('NotRevertible');
  });

  it('lets the redacted edits be reverted and restored, with the marker in place of the passage', () => {
    const revert = decideOn({ type: 'RevertChange', revision: 3 });
    expect(revert?.type === 'ChangeReverted' && revert.data.content.blocks[8].text).toContain('CNN’s [redacted]');
    const restore = decideOn({ type: 'RestoreArticle', revision: 1 });
    expect(JSON.stringify(restore)).toContain('Citizen Free Press’s [redacted]');
    expect(JSON.stringify(restore)).not.toContain(NAME);
  });
});
