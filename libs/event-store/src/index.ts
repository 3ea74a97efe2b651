export * from './types';
export * from './errors';
export { EventStore, type Queryable } from './event-store';
export { Subscription, type BatchHandler, type SubscriptionOptions } from './subscription';
export { EVENTS_CHANNEL } from './sql';
