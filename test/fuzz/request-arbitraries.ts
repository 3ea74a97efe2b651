import fc from 'fast-check';
import { BODY_LIMIT, type BodyDraft, bodyBytes, commandBody, readBody, storyText } from './body-arbitraries';
import { ENDPOINTS, type Endpoint } from './endpoints';
import { fault, type Fault, type FuzzRequest, ok, outcome, type Piece } from './fuzz-request';
import { authorization, type Headers, idempotencyKey, ifMatch, junkHeaders, requestId } from './header-arbitraries';
import { route } from './path-arbitraries';
import { query } from './query-arbitraries';

/** How the body is labelled, and what the server's parsers make of that label. */
interface Media {
  contentType: readonly string[];
  parsedAs: 'json' | 'text' | 'none';
  /** A charset the parser refuses (415), or cannot decode into anything sensible. */
  charset?: Fault;
  /** Decoding used for text/plain. */
  encoding?: BufferEncoding;
}

const JSON_MEDIA: Media = { contentType: ['application/json'], parsedAs: 'json' };
const TEXT_MEDIA: readonly Media[] = [
  { contentType: ['text/plain'], parsedAs: 'text', encoding: 'utf8' },
  { contentType: ['text/plain; charset=iso-8859-1'], parsedAs: 'text', encoding: 'latin1' },
  { contentType: ['text/plain; charset=bogus'], parsedAs: 'text', charset: fault('body', 415, 'unknown charset') },
];

const MEDIA: ReadonlyArray<{ weight: number; media: Media }> = [
  { weight: 80, media: JSON_MEDIA },
  { weight: 4, media: { contentType: ['application/json; charset=utf-8'], parsedAs: 'json' } },
  { weight: 1, media: { contentType: ['Application/JSON; Charset=UTF-8'], parsedAs: 'json' } },
  { weight: 1, media: { contentType: ['application/json', 'text/plain'], parsedAs: 'json' } },
  {
    weight: 1,
    media: { contentType: ['application/json; charset=latin1'], parsedAs: 'json', charset: fault('body', 415, 'charset latin1') },
  },
  {
    weight: 1,
    media: { contentType: ['application/json; charset=utf-16'], parsedAs: 'json', charset: fault('body', [400, 415], 'UTF-16') },
  },
  // Only application/json is parsed: other +json types are refused (415) before their body is read.
  { weight: 1, media: { contentType: ['application/merge-patch+json'], parsedAs: 'none' } },
  { weight: 2, media: TEXT_MEDIA[0] },
  { weight: 1, media: TEXT_MEDIA[1] },
  { weight: 1, media: TEXT_MEDIA[2] },
  { weight: 3, media: { contentType: [], parsedAs: 'none' } },
  ...[
    'application/xml',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
    'application/octet-stream',
    'text/html',
    '',
    '{{{',
    ';charset=utf-8',
  ].map((type) => ({ weight: 1, media: { contentType: [type], parsedAs: 'none' as const } })),
];

const media = fc.oneof(...MEDIA.map(({ weight, media }) => ({ weight, arbitrary: fc.constant(media) })));

/** Whether the route takes this label: JSON everywhere, text/plain only for creation. */
function accepts(endpoint: Endpoint, m: Media): boolean {
  const type = (m.contentType[0] ?? '').split(';')[0].trim().toLowerCase();
  return type === 'application/json' || (type === 'text/plain' && endpoint.plainText === true);
}

/**
 * What the API must make of a body under a label: 415 first (a command's route names the media
 * types it takes, so nothing need be read), then the parser's refusals, then what validation
 * finds in what was parsed.
 */
function bodyFaults(endpoint: Endpoint, m: Media, draft: BodyDraft, isRead: boolean): Piece<null> {
  const bytes = bodyBytes(draft.body);
  const hasBody = bytes !== undefined && bytes.length > 0;
  const piece = ok(null, ...draft.tags);
  if (hasBody && !isRead && !accepts(endpoint, m))
    return { ...piece, faults: [fault('mediaType', 415, `${m.contentType[0] ?? 'no'} content type`)] };
  if (hasBody && m.parsedAs !== 'none') {
    const refusals: Fault[] = [];
    if (m.charset) refusals.push(m.charset);
    if (bytes.length > BODY_LIMIT) refusals.push(fault('body', 413, 'body over 1 MiB'));
    else if (m.parsedAs === 'json' && draft.malformed && !m.charset) refusals.push(fault('body', 400, 'malformed JSON'));
    // Swagger's pages are served outside Nest's guards: nothing parses a body sent to them.
    const docs = String(endpoint.path[0]).startsWith('docs');
    if (refusals.length > 0 && docs)
      return { ...piece, outcomes: refusals.flatMap((f) => f.statuses.map((s) => outcome(f.stage, s, f.why))) };
    if (refusals.length > 0) return { ...piece, faults: refusals };
  }
  if (isRead) return piece;
  if (!hasBody) {
    const missing = (endpoint.fields ?? []).filter((f) => f.required).map((f) => fault('validation', 400, `${f.name} missing`));
    const outcomes = [];
    // An empty text/plain body reaches validation as "", which is not an object: 400 is fair, as is 415.
    if (m.parsedAs === 'text' && !endpoint.plainText)
      outcomes.push(outcome('validation', 400, 'empty text body'), outcome('validation', 415, 'empty text body'));
    // Whether a parser looks at the charset of an empty body depends on timing: either answer is fair.
    if (m.charset) outcomes.push(...m.charset.statuses.map((status) => outcome('body', status, 'charset of an empty body')));
    return { ...piece, faults: missing, outcomes };
  }
  if (m.parsedAs === 'text') {
    // Only creation gets here: the story text is judged as text, whatever it looks like.
    const text = bytes.toString(m.encoding ?? 'utf8');
    const refused = text.trim() === '' || text.includes('\u0000');
    return { ...piece, faults: refused ? [fault('validation', 400, 'blank story or NUL')] : [] };
  }
  return { ...piece, faults: draft.asJson, outcomes: draft.outcomes ?? [] };
}

function payload(
  endpoint: Endpoint,
): fc.Arbitrary<Piece<{ draft: BodyDraft; contentType: readonly string[]; chunked: boolean }>> {
  const isRead = !endpoint.command;
  const chunked = fc.oneof({ weight: 24, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) });
  const drafts: fc.Arbitrary<{ m: Media; draft: BodyDraft }> = isRead
    ? fc.oneof(
        { weight: 19, arbitrary: fc.constant({ m: JSON_MEDIA, draft: { asJson: [], malformed: false, tags: [] } as BodyDraft }) },
        { weight: 1, arbitrary: fc.record({ m: media, draft: readBody() }) },
      )
    : endpoint.plainText
      ? fc.oneof(
          { weight: 5, arbitrary: fc.record({ m: media, draft: commandBody(endpoint) }) },
          {
            weight: 1,
            arbitrary: fc.record({
              m: fc.constantFrom(...TEXT_MEDIA),
              draft: storyText(),
            }),
          },
        )
      : fc.record({ m: media, draft: commandBody(endpoint) });
  return fc.tuple(drafts, chunked).map(([{ m, draft }, chunk]) => {
    const judged = bodyFaults(endpoint, m, draft, isRead);
    const hasBody = draft.body !== undefined;
    return {
      ...judged,
      value: { draft, contentType: hasBody || !isRead ? m.contentType : [], chunked: chunk && hasBody },
    };
  });
}

/** Present in about `percent` % of requests. */
function sometimes<T>(arbitrary: fc.Arbitrary<Piece<T>>, percent: number, none: T): fc.Arbitrary<Piece<T>> {
  return fc.oneof({ weight: 100 - percent, arbitrary: fc.constant(ok(none)) }, { weight: percent, arbitrary: arbitrary });
}

function requestFor(endpoint: Endpoint): fc.Arbitrary<FuzzRequest> {
  const command = endpoint.command;
  return fc
    .record({
      route: route(endpoint),
      query: query(endpoint),
      auth: authorization(endpoint),
      payload: payload(endpoint),
      ifMatch: sometimes(ifMatch(endpoint), command ? 15 : 3, [] as Headers),
      key: sometimes(idempotencyKey(endpoint), command ? 20 : 2, [] as Headers),
      requestId: sometimes(requestId, 10, [] as Headers),
      junk: sometimes(junkHeaders, 8, [] as Headers),
    })
    .map((parts): FuzzRequest => {
      const pieces = Object.values(parts);
      const { draft, contentType, chunked } = parts.payload.value;
      return {
        endpoint: endpoint.name,
        method: parts.route.value.method,
        path: parts.route.value.path,
        query: parts.query.value,
        headers: [
          ...parts.auth.value,
          ...contentType.map((type) => ['Content-Type', type] as const),
          ...parts.ifMatch.value,
          ...parts.key.value,
          ...parts.requestId.value,
          ...parts.junk.value,
        ],
        body: draft.body,
        chunked: chunked || undefined,
        faults: pieces.flatMap((p) => p.faults),
        outcomes: pieces.flatMap((p) => p.outcomes),
        tags: [...new Set(pieces.flatMap((p) => p.tags))],
      };
    });
}

const weightOf = (endpoint: Endpoint): number =>
  endpoint.command ? 12 : endpoint.access === 'public' ? (endpoint.html ? 1 : 2) : 6;

/** One request to any endpoint of API.md, hostile in zero or more ways. */
export function fuzzRequest(): fc.Arbitrary<FuzzRequest> {
  return fc.oneof(...ENDPOINTS.map((endpoint) => ({ weight: weightOf(endpoint), arbitrary: requestFor(endpoint) })));
}
