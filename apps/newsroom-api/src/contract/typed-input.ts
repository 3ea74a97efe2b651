import type { operations } from '@newsroom/api-client';

/**
 * The types of a route's validated input, generated from the contract's own document: a
 * handler that reads a field the schema does not have fails `npm run typecheck`.
 */
type JsonBody<R> = R extends { content: { 'application/json': infer B } } ? B : never;

/** The validator drops optional properties sent as null: handlers see them absent. */
type NullsDropped<T> =
  T extends Array<infer Item>
    ? NullsDropped<Item>[]
    : T extends object
      ? { [K in keyof T]: undefined extends T[K] ? NullsDropped<Exclude<T[K], null>> : NullsDropped<T[K]> }
      : T;

export type BodyOf<Id extends keyof operations> = NullsDropped<JsonBody<NonNullable<operations[Id]['requestBody']>>>;

export type QueryOf<Id extends keyof operations> = NonNullable<operations[Id]['parameters']['query']>;
