export * from './types';
export * from './errors';
export { EventStore } from './event-store';
export type { Queryable } from './queryable';
export { Subscription, CheckpointMovedError, type BatchHandler, type SubscriptionOptions } from './subscription';
export { loadCheckpoint, saveCheckpoint, moveCheckpoint } from './checkpoints';
export { leaseHolder, leaseKeys, LeaseLostError } from './lease';
export { EVENTS_CHANNEL } from './sql';
export { LogSnapshot } from './log-snapshot';
export {
  isRedactionRecord,
  readRedactionRecords,
  type EventRewrite,
  type RedactedRevision,
  type RedactionRecord,
} from './redaction';
export {
  verifyStream,
  verifyLog,
  VERIFY_BATCH,
  VERIFY_STREAMS_BATCH,
  type StreamAudit,
  type LogAudit,
  type VerifyLogOptions,
} from './hash-chain';
