import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { Pool } from 'pg';
import { emptyArticle } from '@newsroom/articles';
import { splitArticle } from '../../apps/newsroom-api/src/articles/projections/article-document';
import { emptyRows, type ReadModelRows } from '../../apps/newsroom-api/src/articles/projections/read-model-rows';
import { writeRows } from '../../apps/newsroom-api/src/articles/projections/read-model-writer';
import { copyRows } from '../../apps/newsroom-api/src/articles/projections/rebuild/copy-rows';
import { createRebuildTables, REBUILD_TABLES } from '../../apps/newsroom-api/src/articles/projections/rebuild/rebuild-tables';
import { createTestPool } from '../support/test-database';

/** What COPY's text format gives a meaning to, and what merely looks like it. */
const TRICKY = [
  '\\',
  '\t',
  '\n',
  '\r',
  '\r\n',
  '\\N',
  'N',
  'NULL',
  '"',
  "'",
  ',',
  '{',
  '}',
  ' ',
  '\\t',
  'é',
  '😀',
  '\u2028',
  '\x01',
  '\b',
  '\f',
  '\x7f',
];
const trickyText = fc.string({ unit: fc.constantFrom(...TRICKY), maxLength: 12 });
/** Any text the API accepts: well-formed, without NUL (which jsonb and text refuse). */
const storableText = fc.string({ unit: 'binary', maxLength: 20 }).filter((s) => s.isWellFormed() && !s.includes('\u0000'));
const anyText = fc.oneof(trickyText, storableText);

/** One article's rows, every text field taken from `texts` (cycled). */
function rowsOf(texts: string[]): ReadModelRows {
  const pick = (i: number) => texts[i % texts.length];
  const id = randomUUID();
  const at = '2024-06-16T18:30:00.123Z';
  const blocks = [{ id: 'b1', type: 'paragraph' as const, text: pick(12) }];
  const document = { ...emptyArticle(id), revision: 1, headline: pick(0), byline: pick(1), updatedAt: at, blocks };
  const rows = emptyRows();
  rows.articles.push({ id, revision: 1, status: pick(2), updated_at: at, ...splitArticle(document) });
  rows.terms.push({ article_id: id, revision: 1, headline: pick(10), category_slugs: texts });
  rows.revisions.push({
    article_id: id,
    revision: 1,
    type: pick(3),
    actor: pick(4),
    actor_name: pick(11),
    reason: pick(5),
    recorded_at: at,
    summary: pick(6),
    position: 9_007_199_254_740_991,
    correlation_id: pick(7),
    snapshot: document,
  });
  rows.revisions.push({
    ...rows.revisions[0],
    revision: 2,
    actor_name: null,
    reason: null,
    correlation_id: null,
    snapshot: null,
  });
  rows.corrections.push({
    article_id: id,
    revision: 1,
    headline: pick(8),
    kind: pick(9),
    text: pick(10),
    recorded_at: at,
    position: 1,
  });
  rows.corrections.push({ ...rows.corrections[0], revision: 2, headline: null });
  return rows;
}

/** Every row of one set of tables as PostgreSQL prints it, in key order. */
async function dump(
  pool: Pool,
  tables: { articles: string; terms: string; revisions: string; corrections: string },
): Promise<string[]> {
  const out: string[] = [];
  for (const [table, key] of [
    [tables.articles, 'id'],
    [tables.terms, 'article_id'],
    [tables.revisions, 'article_id, revision'],
    [tables.corrections, 'article_id, revision'],
  ]) {
    const { rows } = await pool.query<{ row: string }>(`SELECT row_to_json(t)::text AS row FROM ${table} t ORDER BY ${key}`);
    out.push(...rows.map((r) => r.row));
  }
  return out;
}

describe('the rebuild’s COPY writer', () => {
  let pool: Pool;
  let close: () => Promise<void>;

  /** `rows` written by the live writer into the served tables and by COPY into the copies, each dumped. */
  async function writtenBothWays(rows: ReadModelRows): Promise<{ live: string[]; copied: string[] }> {
    await writeRows(pool, rows);
    const client = await pool.connect();
    try {
      await copyRows(client, rows, REBUILD_TABLES);
    } finally {
      client.release();
    }
    const live = await dump(pool, {
      articles: 'articles',
      terms: 'article_terms',
      revisions: 'article_revisions',
      corrections: 'corrections',
    });
    return { live, copied: await dump(pool, REBUILD_TABLES) };
  }

  beforeAll(async () => {
    ({ pool, close } = await createTestPool(2));
  });
  afterAll(() => close());

  beforeEach(async () => {
    await createRebuildTables(pool);
    await pool.query('TRUNCATE articles, article_revisions, corrections');
  });

  it('stores tabs, newlines, backslashes and \\N-looking text exactly as given', async () => {
    const texts = [
      'tab\there',
      'line\nbreak',
      'cr\rlf\r\n',
      'C:\\temp\\new',
      '\\N',
      '\\\\N',
      'N',
      'NULL',
      '',
      '"quoted", {braced}',
    ];
    const rows = rowsOf(texts);
    const client = await pool.connect();
    try {
      await copyRows(client, rows, REBUILD_TABLES);
    } finally {
      client.release();
    }
    const article = await pool.query(`SELECT status, document, blocks FROM ${REBUILD_TABLES.articles}`);
    expect(article.rows).toEqual([{ status: texts[2], document: rows.articles[0].document, blocks: rows.articles[0].blocks }]);
    const terms = await pool.query(`SELECT headline, category_slugs FROM ${REBUILD_TABLES.terms}`);
    expect(terms.rows).toEqual([{ headline: texts[10 % texts.length], category_slugs: texts }]);
    const revisions = await pool.query(
      `SELECT type, actor, actor_name, reason, summary, correlation_id, snapshot FROM ${REBUILD_TABLES.revisions} ORDER BY revision`,
    );
    const document = rows.revisions[0].snapshot;
    expect(revisions.rows).toEqual([
      {
        type: texts[3],
        actor: texts[4],
        actor_name: texts[11 % texts.length],
        reason: texts[5],
        summary: texts[6],
        correlation_id: texts[7],
        snapshot: document,
      },
      {
        type: texts[3],
        actor: texts[4],
        actor_name: null,
        reason: null,
        summary: texts[6],
        correlation_id: null,
        snapshot: null,
      },
    ]);
    const corrections = await pool.query(`SELECT headline, kind, text FROM ${REBUILD_TABLES.corrections} ORDER BY revision`);
    expect(corrections.rows).toEqual([
      { headline: texts[8], kind: texts[9], text: texts[0] },
      { headline: null, kind: texts[9], text: texts[0] },
    ]);
  });

  it('writes every row exactly as the live writer does, whatever the text', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(anyText, { minLength: 1, maxLength: 12 }), async (texts) => {
        await createRebuildTables(pool);
        await pool.query('TRUNCATE articles, article_terms, article_revisions, corrections');
        const rows = rowsOf(texts);
        const { live, copied } = await writtenBothWays(rows);
        expect(copied).toEqual(live);
        const { rows: back } = await pool.query<{ reason: string; slugs: string[] }>(
          `SELECT r.reason, t.category_slugs AS slugs FROM ${REBUILD_TABLES.revisions} r JOIN ${REBUILD_TABLES.terms} t ON t.article_id = r.article_id WHERE r.revision = 1`,
        );
        expect(back).toEqual([{ reason: rows.revisions[0].reason, slugs: texts }]);
      }),
      { numRuns: 150 },
    );
  });

  it('writes times before 2000, an article without categories and a braced, upper-case id as the live writer does', async () => {
    await createRebuildTables(pool);
    await pool.query('TRUNCATE articles, article_terms, article_revisions, corrections');
    const rows = rowsOf(['a', 'b']);
    const id = `{${rows.articles[0].id.toUpperCase()}}`;
    const before2000 = ['1999-12-31T23:59:59.999Z', '1970-01-01T00:00:00.000Z', '0099-03-01T00:00:00.001Z'];
    rows.articles[0] = { ...rows.articles[0], id, updated_at: before2000[0] };
    rows.terms[0] = { ...rows.terms[0], article_id: id, category_slugs: [] };
    rows.revisions = rows.revisions.map((row, i) => ({ ...row, article_id: id, recorded_at: before2000[i + 1] }));
    rows.corrections = rows.corrections.map((row) => ({ ...row, article_id: id, recorded_at: before2000[2] }));
    const { live, copied } = await writtenBothWays(rows);
    expect(live).toHaveLength(6);
    expect(copied).toEqual(live);
  });

  it('aborts a COPY whose rows the table refuses, keeping none of them', async () => {
    const rows = rowsOf(['a']);
    // The copies have no keys while the replay fills them (indexRebuildTables adds them after):
    // a row missing a NOT NULL column is one they still refuse, after a good one.
    rows.revisions.push({ ...rows.revisions[0], revision: 2, type: null as unknown as string });
    const client = await pool.connect();
    try {
      await expect(copyRows(client, rows, REBUILD_TABLES)).rejects.toThrow(/null value in column "type"/);
      // The connection is usable again once the failed COPY is over.
      expect((await client.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    } finally {
      client.release();
    }
    expect((await pool.query(`SELECT count(*)::int AS n FROM ${REBUILD_TABLES.revisions}`)).rows).toEqual([{ n: 0 }]);
  });
});
