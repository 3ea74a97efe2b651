export { dataSourceOptions } from './data-source-options';
export { runMigrations } from './migrate';
export {
  startEmbeddedDatabase,
  embeddedCluster,
  embeddedUrl,
  createDatabaseIfMissing,
  makeReachable,
  quoteIdentifier,
  type RunningDatabase,
} from './embedded-database';
export { handOverExitSignals } from './exit-signals';
export { freePort } from './free-port';
export { runAdmin, withDatabase } from './admin';
export { poolOf } from './pool-of';
