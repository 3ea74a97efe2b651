import createClient, { type Client } from 'openapi-fetch';
import type { paths } from './openapi';

/**
 * Answers are typed by their application/json representation where a route has several (GET
 * /articles/{id} also negotiates ninjs and JSON-LD), and by their only one elsewhere.
 */
export type NewsroomClient = Client<paths, 'application/json'>;

/**
 * A client typed by the API's own OpenAPI document: a path, parameter or body the document does
 * not allow is a compile error, and every answer is typed by its status.
 */
export function newsroomClient(baseUrl: string, token?: string, fetchImpl: typeof fetch = fetch): NewsroomClient {
  return createClient<paths, 'application/json'>({
    baseUrl,
    fetch: fetchImpl,
    headers: token ? { Authorization: `Bearer ${token}` } : {},
  });
}
