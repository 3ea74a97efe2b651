import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Histogram } from 'prom-client';

type RequestTimer = ReturnType<Histogram<'method' | 'route' | 'status'>['labels']>;

/** What Express leaves on a request it routed: the route, whose path is the template (`/articles/:id`). */
type RoutedRequest = IncomingMessage & { route?: { path: unknown } };

/** The route label of requests no route took (unknown paths, 405s, the desk's files, /docs). */
const UNROUTED = 'unrouted';
/** The status label of a request whose client went away before its answer was sent. */
const ABORTED = 'aborted';

/**
 * Feeds the request histogram from the request log's 'close' hook. A request costs three Map
 * look-ups (route, method, status) and one observation: each labelled series is made once and
 * kept, keyed by Express's route object itself, so no label object or string is built per
 * request and no raw path (with its ids) ever becomes a label.
 */
export class RequestMetrics {
  private readonly series = new Map<unknown, Map<string | undefined, Map<number, RequestTimer>>>();

  constructor(private readonly histogram: Histogram<'method' | 'route' | 'status'>) {}

  readonly observe = (request: IncomingMessage, response: ServerResponse, seconds: number): void => {
    const route = (request as RoutedRequest).route;
    const status = response.writableFinished ? response.statusCode : 0;
    const byStatus = this.byMethod(route ?? UNROUTED).get(request.method);
    let timer = byStatus?.get(status);
    if (!timer) timer = this.timer(route, request.method, status);
    timer.observe(seconds);
  };

  private byMethod(route: unknown): Map<string | undefined, Map<number, RequestTimer>> {
    let byMethod = this.series.get(route);
    if (!byMethod) this.series.set(route, (byMethod = new Map()));
    return byMethod;
  }

  /** A series seen for the first time: its labels are worked out once. */
  private timer(route: RoutedRequest['route'], method: string | undefined, status: number): RequestTimer {
    const byMethod = this.byMethod(route ?? UNROUTED);
    let byStatus = byMethod.get(method);
    if (!byStatus) byMethod.set(method, (byStatus = new Map()));
    const timer = this.histogram.labels(
      method ?? 'unknown',
      route ? String(route.path) : UNROUTED,
      status === 0 ? ABORTED : String(status),
    );
    byStatus.set(status, timer);
    return timer;
  }
}
