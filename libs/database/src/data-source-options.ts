import type { DataSourceOptions } from 'typeorm';
import { migrations } from '@newsroom/migrations';

/**
 * TypeORM options shared by the application, the CLI and the tests. `synchronize` stays off:
 * the schema changes only through reviewed migrations.
 */
export function dataSourceOptions(url: string, entities: DataSourceOptions['entities'] = []): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities,
    migrations,
    migrationsTableName: 'migrations',
    synchronize: false,
    logging: ['error'],
    extra: {
      max: Number(process.env.DATABASE_POOL_SIZE ?? 20),
      // Fail fast when the server is gone instead of queueing requests forever.
      connectionTimeoutMillis: Number(process.env.DATABASE_CONNECT_TIMEOUT_MS ?? 1500),
    },
  };
}
