import createClient, { type Client } from 'openapi-fetch';
import type { paths } from './openapi';

export type NewsroomClient = Client<paths>;

/**
 * A client typed by the API's own OpenAPI document: a path, parameter or body the document does
 * not allow is a compile error, and every answer is typed by its status.
 */
export function newsroomClient(baseUrl: string, token?: string, fetchImpl: typeof fetch = fetch): NewsroomClient {
  return createClient<paths>({
    baseUrl,
    fetch: fetchImpl,
    headers: token ? { Authorization: `Bearer ${token}` } : {},
  });
}
