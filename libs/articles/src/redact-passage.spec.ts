import type { ArticleContent } from './article';
import type { ArticleEvent, RecordedArticleEvent, TextEdit } from './events';
import { fold } from './evolve';
import { movedOffset, redactEvent, redactText, REDACTION_MARKER } from './redact-passage';
import { ARTICLE_ID, timeOf } from './testing/given';

const created: ArticleContent = {
  headline: 'Putin meets Matthew Chance',
  byline: 'Staff',
  dateline: 'GENEVA',
  blocks: [
    { id: 'b1', type: 'paragraph', text: 'Putin answered Citizen Free Press’s Matthew Chance. Matthew Chance asked again.' },
  ],
  categories: [{ slug: 'diplomacy', label: 'Diplomacy', code: 'medtop:20000639' }],
};

const fix: TextEdit = {
  blockId: 'b1',
  before: created.blocks[0].text,
  after: 'Putin answered CNN’s Matthew Chance. Matthew Chance asked again.',
  range: { start: 15, end: 35 },
  found: 'Citizen Free Press’s',
  replacement: 'CNN’s',
  notice: { kind: 'correction', text: 'Matthew Chance works for CNN, not Citizen Free Press.' },
};

const stream: ArticleEvent[] = [
  { type: 'ArticleCreated', data: created },
  { type: 'AttributionFixed', data: fix },
  { type: 'ArticlePublished', data: {} },
];

function folded(events: ArticleEvent[]) {
  return fold(
    ARTICLE_ID,
    events.map((event, i): RecordedArticleEvent => ({ revision: i + 1, recordedAt: timeOf(i + 1), event })),
  );
}

describe('redacting a passage', () => {
  it('replaces every occurrence, quotes folded as find-and-replace folds them, and says where each stood', () => {
    expect(redactText('Citizen Free Press’s Matthew Chance, Matthew Chance', "Press's Matthew")).toEqual({
      text: 'Citizen Free [redacted] Chance, Matthew Chance',
      cuts: [[13, 28]],
    });
    expect(redactText('no passage here', 'Matthew Chance')).toEqual({ text: 'no passage here', cuts: [] });
    expect(redactText('anything', '')).toEqual({ text: 'anything', cuts: [] });
  });

  it('moves offsets past a cut by the change in length, and an offset inside one to its edge', () => {
    const { cuts } = redactText('ab Matthew Chance cd', 'Matthew Chance');
    expect(movedOffset(1, cuts, 'start')).toBe(1);
    expect(movedOffset(18, cuts, 'start')).toBe(18 - 'Matthew Chance'.length + REDACTION_MARKER.length);
    expect(movedOffset(8, cuts, 'start')).toBe(3);
    expect(movedOffset(8, cuts, 'end')).toBe(3 + REDACTION_MARKER.length);
  });

  it('given the stream of a corrected story, when the name is redacted, then folding it shows the marker wherever the name stood', () => {
    const redacted = stream.map((event) => redactEvent(event, 'Matthew Chance') ?? event);
    const article = folded(redacted);
    expect(JSON.stringify(article)).not.toContain('Matthew Chance');
    expect(article.headline).toBe('Putin meets [redacted]');
    expect(article.blocks[0].text).toBe('Putin answered CNN’s [redacted]. [redacted] asked again.');
    expect(article.corrections[0].text).toBe('[redacted] works for CNN, not Citizen Free Press.');
    expect(folded(redacted.slice(0, 1)).blocks[0].text).toBe(
      'Putin answered Citizen Free Press’s [redacted]. [redacted] asked again.',
    );
  });

  it('keeps a text edit’s range on the text it replaced, in the redacted before', () => {
    const edit = (redactEvent(stream[1], 'Matthew Chance') as { data: TextEdit }).data;
    expect(edit.before.slice(edit.range.start, edit.range.end)).toBe('Citizen Free Press’s');
    expect(edit.found).toBe('Citizen Free Press’s');
    // A passage overlapping the replaced text: the range grows to the whole marker.
    const overlapping = (redactEvent(stream[1], 'Press’s Matthew') as { data: TextEdit }).data;
    expect(overlapping.found).toBe('Citizen Free [redacted]');
    expect(overlapping.before.slice(overlapping.range.start, overlapping.range.end)).toBe(overlapping.found);
  });

  it('answers null for an event that does not hold the passage', () => {
    expect(redactEvent(stream[2], 'Matthew Chance')).toBeNull();
    expect(redactEvent(stream[0], 'Boris')).toBeNull();
  });

  it('redacts only text people wrote: ids, block types, slugs, codes, notice kinds and event types stay', () => {
    for (const passage of ['paragraph', 'b1', 'diplomacy', 'medtop', 'correction', 'AttributionFixed']) {
      const redacted = stream.map((event) => redactEvent(event, passage) ?? event);
      const article = folded(redacted);
      expect(article.blocks.map((b) => [b.id, b.type])).toEqual([['b1', 'paragraph']]);
      expect(article.categories).toEqual([{ slug: 'diplomacy', label: 'Diplomacy', code: 'medtop:20000639' }]);
      expect(article.corrections.map((c) => c.kind)).toEqual(['correction']);
    }
    const reverted: ArticleEvent = {
      type: 'ChangeReverted',
      data: { revision: 2, revertedType: 'AttributionFixed', before: created, content: created },
    };
    expect(redactEvent(reverted, 'AttributionFixed')).toBeNull();
    expect(
      redactEvent(
        { type: 'PassageRedacted', data: { authority: 'Matthew Chance order', redactedRevisions: [1] } },
        'Matthew Chance',
      ),
    ).toBeNull();
  });

  it('answers null for an event read back with its keys in another order (jsonb sorts them)', () => {
    const { range, ...rest } = fix;
    const stored = { type: 'AttributionFixed', data: { ...rest, range: { end: range.end, start: range.start } } } as const;
    expect(redactEvent(stored, 'Boris')).toBeNull();
  });
});
