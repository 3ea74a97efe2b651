import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSampleArticle } from '../support/articles-api';
import type { EventLog } from '../support/event-log';
import { createTestApp, type TestApp } from '../support/test-app';
import { bodyBytes } from './body-arbitraries';
import { type FuzzRequest, Ref, type Wire } from './fuzz-request';
import { Huge } from './json-text';
import { mintTokens } from './tokens';
import { sendWire, type WireRequest, type WireResponse } from './wire';

/** A request, what went on the wire, what came back, and what it did to the event log. */
export interface Exchange {
  request: FuzzRequest;
  wire: WireRequest;
  response: WireResponse;
  /** Events appended while the request ran (the fuzzer is the only writer). */
  appended: number;
  /** The target article's revision before the request. */
  revisionBefore: number;
}

const CURSOR_ENDPOINTS: Record<string, Ref['name']> = {
  'GET /articles': 'cursor:list',
  'GET /articles/{id}/revisions': 'cursor:revisions',
  'GET /corrections': 'cursor:corrections',
  'GET /articles/{id}/events': 'cursor:events',
};

/**
 * The app on a fresh database, listening on a real port (node:http needs one), with one article
 * imported from the sample story as the target of every command. It resolves the values only
 * known at send time and keeps the count of events, the target's revision and the cursors seen.
 */
export class FuzzWorld {
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  private readonly cursors = new Map<string, string[]>();
  private events = 0;
  revision = 1;

  private constructor(
    readonly t: TestApp,
    readonly log: EventLog,
    private readonly port: number,
    private readonly tokens: Record<string, string>,
    readonly targetId: string,
  ) {}

  static async start(): Promise<FuzzWorld> {
    const t = await createTestApp();
    const server = t.app.getHttpServer() as http.Server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const tokens = await mintTokens();
    const targetId = await createSampleArticle(t, tokens.editor);
    const world = new FuzzWorld(t, t.log, (server.address() as AddressInfo).port, tokens, targetId);
    world.events = await world.log.count();
    return world;
  }

  async stop(): Promise<void> {
    this.agent.destroy();
    await this.t.close();
  }

  token(name: string): string {
    const token = this.tokens[name];
    if (token === undefined) throw new Error(`no token named ${name}`);
    return token;
  }

  /** The literal a reference stands for now; undefined for a cursor not seen yet. */
  resolve(ref: Ref): string | undefined {
    const { name } = ref;
    if (name === 'target') return this.targetId;
    if (name === 'TARGET') return this.targetId.toUpperCase();
    if (name === 'etag:current') return `"${this.revision}"`;
    if (name === 'etag:previous') return `"${Math.max(1, this.revision - 1)}"`;
    if (name.startsWith('cursor:')) return this.cursors.get(name)?.at(-1);
    if (name.startsWith('token:lowercase:')) return `bearer ${this.token(name.slice('token:lowercase:'.length))}`;
    if (name.startsWith('token:')) return `Bearer ${this.token(name.slice('token:'.length))}`;
    throw new Error(`unknown reference ${name}`);
  }

  private literal(value: Wire): string | undefined {
    if (value instanceof Ref) return this.resolve(value);
    if (value instanceof Huge) return value.text();
    return value;
  }

  toWire(request: FuzzRequest): WireRequest {
    const path = request.path.map((segment) => this.literal(segment) ?? '').join('/');
    const query = request.query.flatMap(([key, value]) => {
      const literal = this.literal(value);
      if (literal === undefined) return [];
      // References (ids, cursors) are plain values; literals were written already encoded.
      return [`${key}=${value instanceof Ref ? encodeURIComponent(literal) : literal}`];
    });
    const headers = request.headers.flatMap(([name, value]) => {
      const literal = this.literal(value);
      return literal === undefined ? [] : [[name, literal] as const];
    });
    return {
      method: request.method,
      target: `/${path}${query.length > 0 ? `?${query.join('&')}` : ''}`,
      headers,
      body: bodyBytes(request.body),
      chunked: request.chunked,
    };
  }

  /** Sends a hand-written request (for reproductions). */
  send(wire: WireRequest): Promise<WireResponse> {
    return sendWire(this.port, this.agent, wire);
  }

  async exchange(request: FuzzRequest): Promise<Exchange> {
    const wire = this.toWire(request);
    const revisionBefore = this.revision;
    const response = await sendWire(this.port, this.agent, wire);
    const count = await this.log.count();
    const appended = count - this.events;
    this.events = count;
    this.learn(request, response, appended);
    return { request, wire, response, appended, revisionBefore };
  }

  /** Keeps the target's revision and the cursors the API handed out, for later requests. */
  private learn(request: FuzzRequest, response: WireResponse, appended: number): void {
    const success = response.status >= 200 && response.status < 300;
    const onTarget = request.path[1] instanceof Ref && request.path[1].name.toLowerCase() === 'target';
    if (success && onTarget && request.method !== 'GET' && request.method !== 'HEAD') this.revision += appended;
    const cursorName = CURSOR_ENDPOINTS[request.endpoint];
    const next = (response.json as { nextCursor?: unknown } | undefined)?.nextCursor;
    if (success && cursorName && typeof next === 'string') {
      const seen = this.cursors.get(cursorName) ?? [];
      this.cursors.set(cursorName, [...seen.slice(-4), next]);
    }
  }
}
