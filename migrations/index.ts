import { CreateEventStore1795822314592 } from './1795822314592-CreateEventStore';

/** Every migration, oldest first. Listed by hand so that bundling or ESM never loses one to a glob. */
export const migrations = [CreateEventStore1795822314592];
