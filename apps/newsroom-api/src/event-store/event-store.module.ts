import { Global, Module } from '@nestjs/common';
import { ReplicaSet } from '../replicas/replica-set';
import { routedPool } from '../replicas/read-routing';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { poolOf } from '@newsroom/database';
import { EventStore } from '@newsroom/event-store';
import { METRICS, type NewsroomMetrics } from '../metrics/newsroom-metrics';
import { TimedEventStore } from '../metrics/timed-event-store';

/**
 * Makes the framework-free event store injectable, and TypeORM's own pg pool with it: one set of
 * connections for everything, and the read side's plain SQL without an ORM query runner around
 * each read (which cost a sixth of a read's CPU).
 */
@Global()
@Module({
  providers: [
    {
      provide: Pool,
      // With replicas, a GET's reads go to the replica chosen for it (read-routing.ts); without, the pool as it is.
      inject: [DataSource, { token: ReplicaSet, optional: true }],
      useFactory: (dataSource: DataSource, replicas?: ReplicaSet | null) =>
        replicas ? routedPool(poolOf(dataSource)) : poolOf(dataSource),
    },
    {
      provide: EventStore,
      // With metrics on, every append is timed (newsroom_event_append_duration_seconds).
      inject: [Pool, { token: METRICS, optional: true }],
      useFactory: (pool: Pool, metrics?: NewsroomMetrics | null) =>
        metrics ? new TimedEventStore(pool, metrics) : new EventStore(pool),
    },
  ],
  exports: [EventStore, Pool],
})
export class EventStoreModule {}
