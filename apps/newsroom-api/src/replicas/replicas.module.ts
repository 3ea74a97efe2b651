import { type DynamicModule, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { poolOf } from '@newsroom/database';
import { DataSource } from 'typeorm';
import { ConsistencyTokenInterceptor } from './consistency-token.interceptor';
import { ReadRoutingInterceptor } from './read-routing.interceptor';
import { ReplicaSet } from './replica-set';
import type { ReplicaSettings } from './replica-settings';

/**
 * Read replicas, when DATABASE_REPLICA_URLS names any: the replica set and its probe, the GETs'
 * routing and the commands' consistency tokens. Without replicas nothing of it exists, and the
 * API works exactly as before.
 */
@Module({})
export class ReplicasModule {
  static forSettings(settings: ReplicaSettings | undefined): DynamicModule {
    if (!settings || settings.urls.length === 0) return { module: ReplicasModule };
    return {
      module: ReplicasModule,
      global: true,
      providers: [
        {
          provide: ReplicaSet,
          inject: [DataSource],
          useFactory: async (dataSource: DataSource) => {
            const primary = poolOf(dataSource);
            const replicas = new ReplicaSet(settings, primary, primary.options.max ?? 10);
            await replicas.start();
            return replicas;
          },
        },
        { provide: APP_INTERCEPTOR, useClass: ReadRoutingInterceptor },
        { provide: APP_INTERCEPTOR, useClass: ConsistencyTokenInterceptor },
      ],
      exports: [ReplicaSet],
    };
  }
}
