import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet, { type HelmetOptions } from 'helmet';
import type { AppConfig } from '../config/app-config';
import { contentSecurityDirectives } from './content-security';

/**
 * helmet's security headers, worked out once and set on every answer in one call. helmet
 * decides them from its options alone (no nonces here), yet as middleware it ran a dozen
 * functions per request: 5–7% of a read's CPU (bench:api, issue 12). helmet stays the authority
 * on which headers and values; this only stops asking it again.
 */
export function securityHeaders(
  options: HelmetOptions,
): (request: IncomingMessage, response: ServerResponse, next: () => void) => void {
  const headers = headersOf(options);
  return (_request, response, next) => {
    response.setHeaders(headers);
    next();
  };
}

/** helmet's strict defaults, with the Content-Security-Policy that Swagger UI and the desk need. */
export function helmetOptions(config: Pick<AppConfig, 'identity'>): HelmetOptions {
  return { contentSecurityPolicy: { directives: contentSecurityDirectives(config) } };
}

/** What helmet sets on an answer, read by running it once on a stand-in response. */
export function headersOf(options: HelmetOptions): Map<string, string> {
  const headers = new Map<string, string>();
  const response = {
    setHeader: (name: string, value: string | number | readonly string[]) => headers.set(name, String(value)),
    removeHeader: (name: string) => headers.delete(name),
  };
  let done = false;
  helmet(options)({} as IncomingMessage, response as unknown as ServerResponse, (error?: unknown) => {
    if (error) throw error instanceof Error ? error : new Error(String(error));
    done = true;
  });
  // helmet's middleware is synchronous today; if it ever waits, its headers would be missed here.
  if (!done) throw new Error('helmet did not finish synchronously: its headers cannot be computed once');
  return headers;
}
