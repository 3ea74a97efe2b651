import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';

/** The `pg` pool under a TypeORM data source: the event store and projections share it. */
export function poolOf(dataSource: DataSource): Pool {
  const driver = dataSource.driver as unknown as { master?: Pool };
  if (!driver.master) throw new Error('The data source is not initialised or is not PostgreSQL');
  return driver.master;
}
