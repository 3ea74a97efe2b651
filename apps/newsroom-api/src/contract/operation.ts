import type { Role } from '@newsroom/articles';
import type { Schema } from './schema-kit';

/** Who may call an operation: anyone, any signed-in role, or only the roles listed. */
export type Access = 'public' | 'signed-in' | readonly Role[];

export interface Example {
  summary: string;
  value: unknown;
}

export interface MediaType {
  schema: Schema;
  examples?: Record<string, Example>;
}

export interface Answer {
  description: string;
  content?: Record<string, MediaType>;
  headers?: Record<string, { description: string; schema: Schema }>;
}

/**
 * One route of the API, written once: Nest routes it, the contract guard validates its
 * requests with these schemas, and the OpenAPI document publishes them as they are.
 */
export interface Operation {
  operationId: string;
  method: 'get' | 'post' | 'put' | 'delete';
  /** In OpenAPI's form: /articles/{id}. */
  path: string;
  tag: 'commands' | 'reads' | 'operations';
  summary: string;
  description?: string;
  access: Access;
  /**
   * The security requirement published for it, when it is not the one `access` implies (no
   * token for public, the bearer JWT otherwise): /metrics is public to the JWT check and asks
   * for its own token.
   */
  security?: Array<Record<string, string[]>>;
  /** Path parameters, each a schema. */
  params?: Record<string, Schema>;
  /** Query parameters: the properties of one closed object, with any rule across them. */
  query?: { properties: Record<string, Schema>; required?: string[]; rules?: Schema };
  /** Request headers this route reads; a value that breaks its schema is refused (400). */
  headers?: Record<string, { schema: Schema; description: string }>;
  body?: { required: boolean; content: Record<string, MediaType> };
  responses: Record<number, Answer>;
}
