import { readFileSync } from 'node:fs';
import jsonld, { type JsonLdDocument } from 'jsonld';
import type { RemoteDocument } from 'jsonld/jsonld-spec';

type Json = Record<string, unknown>;

/** schema.org's JSON-LD context, release 30.0, as shipped in the repository. */
const CONTEXT = JSON.parse(
  readFileSync(`${process.cwd()}/apps/newsroom-api/src/exports/standards/schemaorgcontext-30.0.jsonld`, 'utf8'),
) as { '@context': Record<string, unknown> };

/** Every term schema.org defines (not merely one its @vocab would turn into an IRI). */
export const SCHEMA_ORG_TERMS = new Set(Object.keys(CONTEXT['@context']).filter((term) => !term.startsWith('@')));

const SCHEMA_ORG_URLS = new Set(['https://schema.org', 'https://schema.org/', 'http://schema.org', 'http://schema.org/']);

/** Offline: schema.org's context from the repository, anything else refused. */
async function documentLoader(url: string): Promise<RemoteDocument> {
  if (!SCHEMA_ORG_URLS.has(url)) throw new Error(`the tests load no document from ${url}`);
  return { contextUrl: undefined, documentUrl: url, document: CONTEXT as RemoteDocument['document'] };
}

/** The document expanded by the jsonld library (it throws on an invalid document or context). */
export async function expand(document: Json): Promise<Json[]> {
  return (await jsonld.expand(document as JsonLdDocument, { documentLoader })) as unknown as Json[];
}

/** Every key used anywhere in a compacted document, but @context. */
export function termsUsed(document: unknown): Set<string> {
  const terms = new Set<string>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object')
      for (const [key, child] of Object.entries(value)) {
        if (key === '@context') continue;
        terms.add(key);
        visit(child);
      }
  };
  visit(document);
  return terms;
}

/**
 * The terms of a compacted schema.org document that expansion dropped or that schema.org does not
 * define: [] when every key came through as `http://schema.org/<term>` (or as the keyword it is).
 */
export async function lostTerms(document: Json): Promise<string[]> {
  const expanded = termsUsed(await expand(document));
  return [...termsUsed(document)].filter((term) =>
    term.startsWith('@') ? !expanded.has(term) : !SCHEMA_ORG_TERMS.has(term) || !expanded.has(`http://schema.org/${term}`),
  );
}
