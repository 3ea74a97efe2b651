import { verifyStream } from '@newsroom/event-store';
import { Pool } from 'pg';
import { issueToken } from '../../apps/newsroom-api/src/auth/token-issuer';
import { type ApiProcess, startApiProcess, stopApiProcess } from '../support/api-process';
import { dumpReadModels } from '../support/read-models';
import { GENEVA_SUMMIT } from '../support/sample-story';
import { TEST_SECRET } from '../support/test-app';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { until } from '../support/waiting';
import { call } from './command-load';

const NAME = 'Matthew Chance';
/** Two starts of the API from source dominate; on a busy shared machine each may take 20 s. */
const TIMEOUT_MS = 120_000;
const REDACTION = { text: NAME, reason: 'Court order', authority: 'High Court, injunction HC-2026-117' };

/**
 * Issue 14, "must show": a SIGKILL during a redaction leaves all of it or none. The API runs in a
 * process of its own; the test holds a lock on the article's read-model row, so the redaction's
 * transaction stops half-way (events rewritten, record appended, read models not yet written),
 * and the process is killed there. No test hook in the API: the lock is the test's own.
 */
describe('an API process killed in the middle of a redaction', () => {
  let database: TestDatabase;
  let pool: Pool;
  let api: ApiProcess | undefined;

  beforeAll(async () => {
    database = await createTestDatabase();
    pool = new Pool({ connectionString: database.url, max: 3 });
  });
  afterAll(async () => {
    await stopApiProcess(api);
    await pool.end();
    await database.drop();
  });

  /** Every stored byte of the article's log, and every read-model row: what a redaction changes. */
  async function stored(articleId: string): Promise<string> {
    const { rows } = await pool.query(
      `SELECT revision, type, data::text, metadata::text, encode(salt, 'hex') AS salt, encode(content_digest, 'hex') AS digest,
              encode(hash, 'hex') AS hash
       FROM events WHERE stream_id = $1 ORDER BY revision`,
      [`article-${articleId}`],
    );
    return `${JSON.stringify(rows)}\n${await dumpReadModels(pool)}`;
  }

  it(
    'leaves none of it when killed before COMMIT, and all of it when run again',
    async () => {
      api = await startApiProcess(database.url);
      const editor = await issueToken(TEST_SECRET, { sub: 'eddie', roles: ['editor'] });
      const legal = await issueToken(TEST_SECRET, { sub: 'lena', roles: ['legal'] });
      const created = await call(api.baseUrl, editor, 'POST', '/articles', { body: { body: GENEVA_SUMMIT } });
      const id = (created.body as { id: string }).id;
      const fixed = await call(api.baseUrl, editor, 'POST', `/articles/${id}/attribution-fixes`, {
        body: { find: "Citizen Free Press's Matthew Chance", replace: "CNN's Matthew Chance", reason: 'CNN asked' },
      });
      expect(fixed.status).toBe(200);
      const before = await stored(id);
      expect(before).toContain(NAME);

      const holder = await pool.connect();
      let backend: number | undefined;
      try {
        await holder.query('BEGIN');
        await holder.query('SELECT 1 FROM articles WHERE id = $1 FOR UPDATE', [id]);
        const answer = call(api.baseUrl, legal, 'POST', `/articles/${id}/redactions`, { body: REDACTION }).catch(
          (error: unknown) => error,
        );
        // The redaction waits on the held row, half-way through its transaction.
        await until(async () => {
          const { rows } = await pool.query<{ pid: number }>(
            `SELECT pid FROM pg_stat_activity
             WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE 'DELETE FROM articles%'`,
          );
          backend = rows[0]?.pid;
          return backend !== undefined;
        }, 20_000);
        const { rows: written } = await pool.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_locks WHERE pid = $1 AND locktype = 'transactionid' AND granted`,
          [backend],
        );
        expect(written[0].n).toBeGreaterThan(0);
        api.kill('SIGKILL');
        expect(await api.exited).toBe('SIGKILL');
        // No answer: the client cannot tell, and the log must say (fetch's own error, of another realm).
        expect(String(await answer)).toMatch(/fetch failed|terminated|other side closed/);
      } finally {
        await holder.query('ROLLBACK');
        holder.release();
      }
      // Let go, the orphaned backend finds its client gone at its next read and rolls back.
      await until(async () => {
        const { rowCount } = await pool.query('SELECT 1 FROM pg_stat_activity WHERE pid = $1', [backend]);
        return rowCount === 0;
      });
      expect(await stored(id)).toBe(before);
      expect(await verifyStream(pool, `article-${id}`)).toMatchObject({ verified: true, revisions: 2 });

      api = await startApiProcess(database.url);
      const again = await call(api.baseUrl, legal, 'POST', `/articles/${id}/redactions`, { body: REDACTION });
      expect(again.status).toBe(200);
      expect((again.body as { redactedRevisions: number[] }).redactedRevisions).toEqual([1, 2]);
      expect(await stored(id)).not.toContain(NAME);
      expect(await verifyStream(pool, `article-${id}`)).toMatchObject({ verified: true, revisions: 3 });
    },
    TIMEOUT_MS,
  );
});
