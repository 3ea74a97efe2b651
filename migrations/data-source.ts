import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@newsroom/database';

/** The data source the TypeORM CLI uses (`npm run migration:run`, `npm run migration:generate`). */
const url = process.env.DATABASE_URL;
if (!url) throw new Error('Set DATABASE_URL to run the TypeORM CLI');

export default new DataSource(dataSourceOptions(url));
