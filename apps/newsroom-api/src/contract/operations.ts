import { CATEGORY_OPERATIONS } from './category-operations';
import { COMMAND_OPERATIONS } from './command-operations';
import { EXPORT_OPERATIONS } from './export-operations';
import { FEED_OPERATIONS } from './feed-operations';
import { METRICS_OPERATIONS } from './metrics-operations';
import type { Operation } from './operation';
import { READ_OPERATIONS } from './read-operations';
import { withReplicaHeaders } from './replica-headers';
import { SESSION_OPERATIONS } from './session-operations';

/** The whole HTTP surface of API.md, one entry per route. */
export const OPERATIONS: readonly Operation[] = [
  ...COMMAND_OPERATIONS,
  ...READ_OPERATIONS,
  ...CATEGORY_OPERATIONS,
  ...EXPORT_OPERATIONS,
  ...FEED_OPERATIONS,
  ...SESSION_OPERATIONS,
  ...METRICS_OPERATIONS,
].map(withReplicaHeaders);

export function operationById(operationId: string): Operation {
  const operation = OPERATIONS.find((candidate) => candidate.operationId === operationId);
  if (!operation) throw new Error(`No operation ${operationId} in the contract`);
  return operation;
}
