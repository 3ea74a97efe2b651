import { diffRows, foldLabel, type ArticleDiff } from './diff-model';

const eq = (text: string) => ({ op: 'equal' as const, text });
const block = (blockId: string, change: ArticleDiff['blocks'][number]['change'], ops: ArticleDiff['blocks'][number]['ops']) => ({
  blockId,
  change,
  ops,
});

function diff(overrides: Partial<ArticleDiff>): ArticleDiff {
  return {
    from: 1,
    to: 5,
    headline: [],
    byline: [],
    dateline: [],
    blocks: [],
    categories: { added: [], removed: [] },
    ...overrides,
  };
}

describe('diffRows', () => {
  it('puts deleted words on the old side and inserted ones on the new side', () => {
    const model = diffRows(
      diff({
        blocks: [
          block('b5', 'changed', [
            eq('a '),
            { op: 'delete', text: 'La Casa' },
            { op: 'insert', text: 'White House' },
            eq(' official said.'),
            { op: 'delete', text: ' White.' },
          ]),
        ],
      }),
    );
    expect(model.rows).toEqual([
      {
        kind: 'changed',
        label: 'b5',
        change: 'changed',
        before: [
          { kind: 'equal', text: 'a ' },
          { kind: 'delete', text: 'La Casa' },
          { kind: 'equal', text: ' official said.' },
          { kind: 'delete', text: ' White.' },
        ],
        after: [
          { kind: 'equal', text: 'a ' },
          { kind: 'insert', text: 'White House' },
          { kind: 'equal', text: ' official said.' },
        ],
      },
    ]);
    expect(model.identical).toBe(false);
  });

  it('folds each run of unchanged blocks into one row', () => {
    const model = diffRows(
      diff({
        blocks: [
          block('b1', 'unchanged', [eq('One.')]),
          block('b2', 'unchanged', [eq('Two.')]),
          block('b3', 'changed', [{ op: 'insert', text: 'Three.' }]),
          block('b4', 'unchanged', [eq('Four.')]),
        ],
      }),
    );
    expect(model.rows.map((r) => (r.kind === 'folded' ? `fold ${r.blockIds.join(',')}` : r.label))).toEqual([
      'fold b1,b2',
      'b3',
      'fold b4',
    ]);
    const first = model.rows[0];
    expect(first.kind === 'folded' && foldLabel(first)).toBe('2 unchanged paragraphs');
    const last = model.rows[2];
    expect(last.kind === 'folded' && [foldLabel(last), last.texts]).toEqual(['1 unchanged paragraph', ['Four.']]);
  });

  it('includes headline changes first and category changes by label', () => {
    const model = diffRows(
      diff({
        headline: [{ op: 'insert', text: 'Summit ends' }],
        byline: [eq('By A')],
        blocks: [block('b1', 'unchanged', [eq('Same.')])],
        categories: { added: [{ slug: 'diplomacy', label: 'Diplomacy' }], removed: [{ slug: 'europe', label: 'Europe' }] },
      }),
    );
    expect(model.rows[0]).toMatchObject({
      kind: 'changed',
      label: 'Headline',
      before: [],
      after: [{ kind: 'insert', text: 'Summit ends' }],
    });
    expect(model.rows).toHaveLength(2);
    expect([model.categoriesAdded, model.categoriesRemoved]).toEqual([['Diplomacy'], ['Europe']]);
  });

  it('says when two revisions have the same content', () => {
    expect(diffRows(diff({ blocks: [block('b1', 'unchanged', [eq('Same.')])] })).identical).toBe(true);
  });
});
