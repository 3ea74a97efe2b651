import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';

/** Brings the database at `url` to the newest migration, on a connection of its own. */
export async function runMigrations(url: string): Promise<void> {
  const dataSource = new DataSource(dataSourceOptions(url));
  await dataSource.initialize();
  try {
    await dataSource.runMigrations();
  } finally {
    await dataSource.destroy();
  }
}
