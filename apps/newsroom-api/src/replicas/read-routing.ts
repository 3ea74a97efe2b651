import { AsyncLocalStorage } from 'node:async_hooks';
import type { Pool, PoolClient } from 'pg';
import type { Replica } from './replica';

/** Served-By: who answered a GET. */
export const SERVED_BY = 'Served-By';
export const PRIMARY = 'primary';

/**
 * The server one GET reads from, chosen once before its handler runs. Commands (and every read
 * inside them) never have one: outside a GET's context every query goes to the primary.
 */
export class ReadContext {
  private open = true;

  constructor(
    private current: Replica | undefined,
    private readonly announce: (servedBy: string) => void,
  ) {
    announce(current?.name ?? PRIMARY);
  }

  /** The replica to read from, or undefined for the primary (also once the request has ended). */
  get replica(): Replica | undefined {
    return this.open ? this.current : undefined;
  }

  /** The rest of the request reads from the primary, and its answer says so. */
  usePrimary(): void {
    if (!this.current) return;
    this.current = undefined;
    this.announce(PRIMARY);
  }

  /** Work that outlives the request (a timer it started) must not read from a replica unannounced. */
  close(): void {
    this.open = false;
  }
}

const reads = new AsyncLocalStorage<ReadContext>();

export function runRead<T>(context: ReadContext, work: () => T): T {
  return reads.run(context, work);
}

export function currentRead(): ReadContext | undefined {
  return reads.getStore();
}

type AnyQuery = (...args: unknown[]) => Promise<unknown>;

/**
 * The primary's pool as every read model sees it: inside a GET that was given a replica, its
 * queries go to that replica, anywhere else to the primary. A query the replica cannot answer
 * for want of a connection (it died, restarts, cancels on a recovery conflict) is asked again
 * of the primary within the same request, and the rest of the request stays there.
 */
export function routedPool(primary: Pool): Pool {
  const onPrimary = primary.query.bind(primary) as AnyQuery;
  const query: AnyQuery = async (...args) => {
    const read = currentRead();
    const replica = read?.replica;
    if (!read || !replica) return onPrimary(...args);
    try {
      return await (replica.pool.query.bind(replica.pool) as AnyQuery)(...args);
    } catch (error) {
      if (!answerableByPrimary(error, replica)) throw error;
      read.usePrimary();
      return onPrimary(...args);
    }
  };
  const connect = async (): Promise<PoolClient> => {
    const read = currentRead();
    const replica = read?.replica;
    if (!read || !replica) return primary.connect();
    try {
      return await replica.pool.connect();
    } catch (error) {
      if (!answerableByPrimary(error, replica)) throw error;
      read.usePrimary();
      return primary.connect();
    }
  };
  return new Proxy(primary, {
    get: (target, property, receiver) =>
      property === 'query' ? query : property === 'connect' ? connect : Reflect.get(target, property, receiver),
  });
}

/** Lost connections: the server went away (SQLSTATE class 08, shutdowns), or the socket did. */
const GONE = new Set(['57P01', '57P02', '57P03']);
/** A hot standby cancels a read that conflicts with replay (or a dropped database): the primary has no such conflict. */
const RECOVERY_CONFLICTS = new Set(['40001', '40P01', '57P04']);

function answerableByPrimary(error: unknown, replica: Replica): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  // node-postgres's own errors ("Connection terminated unexpectedly", connection timeouts) carry
  // no code; the socket's carry ECONNREFUSED, ECONNRESET, EPIPE…
  const gone =
    code === undefined || (typeof code === 'string' && (code.startsWith('08') || GONE.has(code) || /^E[A-Z]+$/.test(code)));
  if (gone) replica.markDown();
  return gone || (typeof code === 'string' && RECOVERY_CONFLICTS.has(code));
}
