import { LSN_PATTERN } from '../replicas/lsn';
import type { Answer, Operation } from './operation';

/**
 * Read-your-writes across replicas, in the contract: every successful command answer carries a
 * Consistency-Token; every read accepts it back, and its answer names who served it. Added here
 * once rather than in each operation, as every command and every read takes them alike.
 */
const TOKEN_SCHEMA = { type: 'string', pattern: LSN_PATTERN, example: '0/16B3748' };

const TOKEN_ANSWERED = {
  'Consistency-Token': {
    description:
      'With DATABASE_REPLICA_URLS: the primary’s WAL position (pg_lsn) once the command had committed. Send it back on a GET to read at least this write.',
    schema: TOKEN_SCHEMA,
  },
};

const TOKEN_SENT = {
  'Consistency-Token': {
    description:
      'A command answer’s Consistency-Token: a replica serves the read only once it has replayed that far (waiting up to REPLICA_WAIT_MS), else the primary does. Malformed: 400.',
    schema: TOKEN_SCHEMA,
  },
};

const SERVED_BY = {
  'Served-By': {
    description:
      'With DATABASE_REPLICA_URLS: who answered, `primary` or `replica-N` (the N-th of DATABASE_REPLICA_URLS). Without a token a replica serves only within REPLICA_MAX_LAG_MS of the primary.',
    schema: { type: 'string', pattern: '^(primary|replica-[0-9]+)$', example: 'replica-1' },
  },
};

export function withReplicaHeaders(operation: Operation): Operation {
  if (operation.tag === 'commands') return { ...operation, responses: withAnswerHeaders(operation.responses, TOKEN_ANSWERED) };
  if (operation.tag !== 'reads') return operation;
  return {
    ...operation,
    headers: { ...operation.headers, ...TOKEN_SENT },
    responses: withAnswerHeaders(operation.responses, SERVED_BY),
  };
}

function withAnswerHeaders(responses: Operation['responses'], headers: Answer['headers']): Operation['responses'] {
  return Object.fromEntries(
    Object.entries(responses).map(([status, answer]) => [
      status,
      Number(status) < 300 ? { ...answer, headers: { ...answer.headers, ...headers } } : answer,
    ]),
  );
}
