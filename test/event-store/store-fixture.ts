import type { Pool } from 'pg';
import { EventStore, type EventToAppend } from '@newsroom/event-store';
import { createTestPool } from '../support/test-database';

export interface StoreFixture {
  pool: Pool;
  store: EventStore;
}

/** A store on a fresh database of the file's own, closed after the file's tests. */
export function useEventStore(connections = 20): StoreFixture {
  const fixture = {} as StoreFixture;
  let close = async (): Promise<void> => undefined;
  beforeAll(async () => {
    const context = await createTestPool(connections);
    fixture.pool = context.pool;
    fixture.store = new EventStore(context.pool);
    close = context.close;
  });
  afterAll(async () => {
    await fixture.store?.wakeFollowers();
    await close();
  });
  return fixture;
}

export function noted(n: number): EventToAppend {
  return { type: 'Noted', data: { n }, metadata: { schemaVersion: 1, actor: 'alice' } };
}

export function notes(from: number, count: number): EventToAppend[] {
  return Array.from({ length: count }, (_, i) => noted(from + i));
}
