import { Global, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { poolOf } from '@newsroom/database';
import { EventStore } from '@newsroom/event-store';

/** Makes the framework-free event store injectable, on TypeORM's own connection pool. */
@Global()
@Module({
  providers: [
    { provide: EventStore, inject: [DataSource], useFactory: (dataSource: DataSource) => new EventStore(poolOf(dataSource)) },
  ],
  exports: [EventStore],
})
export class EventStoreModule {}
