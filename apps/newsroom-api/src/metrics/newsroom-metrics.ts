import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import { RequestMetrics } from './request-metrics';

/** The injection token of the metrics: a `NewsroomMetrics`, or null when METRICS_TOKEN is unset. */
export const METRICS = Symbol('METRICS');

/** What a command came to: appended, answered without a change, replayed, refused, lost on a conflict. */
export const COMMAND_OUTCOMES = ['accepted', 'unchanged', 'replayed', 'refused', 'conflict', 'error'] as const;
export type CommandOutcomeLabel = (typeof COMMAND_OUTCOMES)[number];

/** How an append statement ended; `conflict`: another writer took the revision or the key first. */
export type AppendOutcomeLabel = 'appended' | 'replayed' | 'conflict' | 'failed';

/**
 * The process's metrics, in a registry of its own (each app built in a test process has its
 * own). The metrics that the request path and the command path feed are defined here; the ones
 * read at scrape time (pool, lag, rebuild) are added by ScrapedGauges.
 */
export class NewsroomMetrics {
  readonly registry = new Registry();

  /** By route template (`/articles/:id`, never a raw path) and status; its `_count` is the request count. */
  readonly requests = new Histogram<'method' | 'route' | 'status'>({
    name: 'http_request_duration_seconds',
    help: 'HTTP requests by method, route template and status: time from arrival to the answer sent (_count counts the requests)',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  /** The request log's 'close' hook calls this for every request (bootstrap.ts). */
  readonly observeRequest = new RequestMetrics(this.requests).observe;

  readonly commands = new Counter<'type' | 'outcome'>({
    name: 'newsroom_commands_total',
    help: `Commands by type and outcome: ${COMMAND_OUTCOMES.join(', ')} (refused: 4xx; conflict: 409, 412)`,
    labelNames: ['type', 'outcome'],
    registers: [this.registry],
  });

  /** One statement per append, the inline read models and the idempotency record written with it. */
  readonly appends = new Histogram<'outcome'>({
    name: 'newsroom_event_append_duration_seconds',
    help: 'Event store appends (with the inline read models written in the same statement) by outcome',
    labelNames: ['outcome'],
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
    registers: [this.registry],
  });

  constructor() {
    // Process CPU, memory, event-loop lag, GC, handles: Node's own, as every Node exporter has them.
    collectDefaultMetrics({ register: this.registry });
  }

  /** The text exposition format Prometheus scrapes (0.0.4). */
  get contentType(): string {
    return this.registry.contentType;
  }

  render(): Promise<string> {
    return this.registry.metrics();
  }
}
