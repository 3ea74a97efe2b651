import type { Answer, Operation } from './operation';
import { PROBLEM_MEDIA_TYPE, problems } from './problems';
import { ref } from './schema-kit';

/** A few lines of a real scrape, after the sample story's scenario (Node's default metrics left out). */
const EXAMPLE = `# HELP http_request_duration_seconds HTTP requests by method, route template and status: time from arrival to the answer sent (_count counts the requests)
# TYPE http_request_duration_seconds histogram
http_request_duration_seconds_bucket{le="0.01",method="POST",route="/articles/:id/text-corrections",status="200"} 2
http_request_duration_seconds_bucket{le="+Inf",method="POST",route="/articles/:id/text-corrections",status="200"} 2
http_request_duration_seconds_sum{method="POST",route="/articles/:id/text-corrections",status="200"} 0.0127
http_request_duration_seconds_count{method="POST",route="/articles/:id/text-corrections",status="200"} 2

# HELP newsroom_commands_total Commands by type and outcome: accepted, unchanged, replayed, refused, conflict, error (refused: 4xx; conflict: 409, 412)
# TYPE newsroom_commands_total counter
newsroom_commands_total{type="CorrectText",outcome="accepted"} 2
newsroom_commands_total{type="AddCategory",outcome="accepted"} 2

# HELP newsroom_projection_lag_events Events in the log that a follower of this process has not handled yet (its checkpoint against the log head)
# TYPE newsroom_projection_lag_events gauge
newsroom_projection_lag_events{subscription="corrections-feed"} 0

# HELP newsroom_projection_rebuild_running 1 while a read-model rebuild (npm run projections:rebuild, another process) runs on this database
# TYPE newsroom_projection_rebuild_running gauge
newsroom_projection_rebuild_running 0

# HELP newsroom_db_pool_waiting_requests Queries waiting for a connection of the pg pool
# TYPE newsroom_db_pool_waiting_requests gauge
newsroom_db_pool_waiting_requests 0
`;

const METRICS_DESCRIPTION = [
  'Prometheus text exposition format 0.0.4 (prom-client): `http_request_duration_seconds{method,route,status}`',
  '(route is the template, e.g. `/articles/:id`, never a raw path; `unrouted` for requests no route took; its `_count` counts requests),',
  '`newsroom_commands_total{type,outcome}` (accepted, unchanged, replayed, refused: 4xx, conflict: 409/412, error),',
  '`newsroom_event_append_duration_seconds{outcome}`, `newsroom_projection_lag_events{subscription}` (a follower’s checkpoint against the log head),',
  '`newsroom_projection_rebuild_running` (a rebuild runs in a process of its own; this says whether one holds its lock),',
  '`newsroom_projection_rebuild_events_done{phase}` and `…_events_total{phase}` (a running rebuild’s progress, phase `replaying`, `indexing` or `swapping`, as its database session reports it; absent when none runs),',
  '`newsroom_db_pool_open_connections`, `…_idle_connections`, `…_waiting_requests`, `…_max_connections`, and Node’s default metrics (`process_*`, `nodejs_*`).',
  'Only with the metrics token (METRICS_TOKEN as a bearer token; the newsroom’s JWTs are not accepted). Without METRICS_TOKEN the route does not exist: 404.',
].join(' ');

function metricsProblem(status: 401 | 404, description: string, detail: string, headers?: Answer['headers']): Answer {
  const title = status === 401 ? 'Unauthorized' : 'Not found';
  const type = status === 401 ? '/problems/unauthorized' : '/problems/not-found';
  return {
    description,
    content: {
      [PROBLEM_MEDIA_TYPE]: {
        schema: ref('Problem'),
        examples: { [`status${status}`]: { summary: description, value: { type, title, status, detail } } },
      },
    },
    ...(headers ? { headers } : {}),
  };
}

export const METRICS_OPERATIONS: Operation[] = [
  {
    operationId: 'metrics',
    method: 'get',
    path: '/metrics',
    tag: 'operations',
    summary: 'Prometheus metrics: requests, commands, appends, projection lag, rebuild, pool, Node',
    description: METRICS_DESCRIPTION,
    access: 'public',
    security: [{ metricsToken: [] }],
    responses: {
      200: {
        description: 'The metrics',
        headers: { 'X-Request-Id': { description: 'The request’s id', schema: { type: 'string' } } },
        content: {
          'text/plain': {
            schema: { type: 'string', description: 'Content-Type: text/plain; version=0.0.4; charset=utf-8' },
            examples: { afterSampleStory: { summary: 'Some lines after the sample story’s scenario', value: EXAMPLE } },
          },
        },
      },
      401: metricsProblem(401, 'No metrics token, or not the configured one', 'The metrics token is required.', {
        'WWW-Authenticate': {
          description:
            'The challenge (RFC 6750): `Bearer realm="metrics"`, with `error="invalid_token"` when a wrong token was sent',
          schema: { type: 'string', example: 'Bearer realm="metrics"' },
        },
      }),
      404: metricsProblem(404, 'METRICS_TOKEN is not set: there is no /metrics', 'Cannot GET /metrics'),
      ...problems(429),
    },
  },
];
