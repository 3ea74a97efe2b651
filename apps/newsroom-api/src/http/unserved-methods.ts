import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { PROBLEM_CONTENT_TYPE, problemType } from './problem';

/** What this needs of a layer of Express's router (the `router` package types none of it). */
interface RouterLayer {
  match(path: string): unknown;
  route?: { _handlesMethod(method: string): boolean; _methods(): string[] };
}

/**
 * A known path called with a method it does not serve answers 405 with `Allow` (RFC 9110
 * §15.5.6), and OPTIONS answers 204 with `Allow`, instead of a 404 that says the resource is not
 * there. It runs before authentication: which methods a path serves is public (/docs-json).
 * The routes are read from the router on the first request, once Nest has registered them all.
 */
export function answerUnservedMethods(app: NestExpressApplication): RequestHandler {
  let routes: RouterLayer[] | undefined;
  return (request: Request, response: Response, next: NextFunction) => {
    routes ??= routeLayers(app);
    const { method, path } = request;
    // Most requests are served: a route taking the method is looked for first, its path matched
    // only then (the cheap test first), and the search ends at the first one. Matching every
    // route's path on every request cost 2% of a read's CPU (bench:api, issue 12).
    if (routes.some((layer) => layer.route?._handlesMethod(method) && layer.match(path))) return next();
    const matching = routes.filter((layer) => layer.match(path));
    if (matching.length === 0) return next();
    const allow = allowedMethods(matching);
    response.set('Allow', allow.join(', '));
    if (request.method === 'OPTIONS') return void response.status(204).end();
    const body = JSON.stringify({
      type: problemType('MethodNotAllowed'),
      title: 'Method not allowed',
      status: 405,
      detail: `${request.path} does not take ${request.method}; it takes ${allow.join(', ')}.`,
    });
    response.status(405).type(PROBLEM_CONTENT_TYPE).send(body);
  };
}

function routeLayers(app: NestExpressApplication): RouterLayer[] {
  const router = (app.getHttpAdapter().getInstance() as unknown as { router: { stack: RouterLayer[] } }).router;
  return router.stack.filter((layer) => layer.route !== undefined);
}

function allowedMethods(layers: RouterLayer[]): string[] {
  const methods = new Set(layers.flatMap((layer) => layer.route?._methods() ?? []));
  methods.add('OPTIONS');
  const order = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];
  return [...methods].sort((a, b) => order.indexOf(a) - order.indexOf(b));
}
