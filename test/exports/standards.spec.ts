import fc from 'fast-check';
import type { Article, Block, Category } from '@newsroom/articles';
import { NOTICE_KINDS } from '@newsroom/articles';
import { JSON_LD, NINJS } from '../../apps/newsroom-api/src/contract/export-media';
import { articleToJsonLd } from '../../apps/newsroom-api/src/exports/json-ld';
import { articleToNinjs } from '../../apps/newsroom-api/src/exports/ninjs';
import { ninjsErrors } from '../support/standards/ninjs-schema';
import { expand, lostTerms } from '../support/standards/schema-org';

/**
 * The pure mappings against the standards themselves, for articles of every shape: each ninjs
 * item is valid against IPTC's ninjs 2.4 schema, each JSON-LD document expands with schema.org's
 * context without losing a term. So are the OpenAPI document's examples.
 */
const moment = fc
  .date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true })
  .map((d) => d.toISOString());
const text = fc.oneof(
  fc.string({ minLength: 1 }),
  fc.constantFrom('CNN’s Matthew Chance', '<b>&amp;</b>', '"quoted" \'s', 'Genève'),
);

const block: fc.Arbitrary<Block> = fc.record({
  id: fc.nat(999).map((n) => `b${n + 1}`),
  type: fc.constantFrom('paragraph' as const, 'subheading' as const),
  text,
});
const category: fc.Arbitrary<Category> = fc.oneof(
  fc.record({ slug: fc.constant('diplomacy'), label: text }),
  fc.record({ slug: fc.constant('diplomacy'), label: text, code: fc.oneof(fc.constant('medtop:20000639'), text) }),
);
const article: fc.Arbitrary<Article> = fc.record({
  id: fc.uuid(),
  revision: fc.integer({ min: 1, max: 2_147_483_647 }),
  status: fc.constantFrom('draft' as const, 'published' as const, 'withdrawn' as const),
  headline: fc.option(text),
  byline: fc.option(text),
  dateline: fc.option(text),
  blocks: fc.array(block, { maxLength: 5 }),
  categories: fc.array(category, { maxLength: 3 }),
  corrections: fc.array(
    fc.record({ revision: fc.integer({ min: 1, max: 99 }), kind: fc.constantFrom(...NOTICE_KINDS), recordedAt: moment, text }),
    { maxLength: 3 },
  ),
  createdAt: moment,
  updatedAt: moment,
  publishedAt: fc.option(moment),
});

describe('the exports against the standards', () => {
  it('validates IPTC’s schema as shipped, and it refuses what is not ninjs', () => {
    expect(ninjsErrors({ uri: 'urn:uuid:1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed' })).toEqual([]);
    expect(ninjsErrors({ uri: 'urn:uuid:x', pubstatus: 'published' })).not.toEqual([]);
    expect(ninjsErrors({ uri: 'urn:uuid:x', reason: 'internal' })).not.toEqual([]);
    expect(ninjsErrors({ uri: 'urn:uuid:x', versioncreated: 'yesterday' })).not.toEqual([]);
  });

  it('makes valid ninjs 2.4 of any article', () => {
    fc.assert(
      fc.property(article, (a) => {
        expect(ninjsErrors(articleToNinjs(a, { language: 'en' }))).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('makes JSON-LD of any article that expands with schema.org’s context, every term schema.org’s and kept', async () => {
    await fc.assert(
      fc.asyncProperty(article, async (a) => {
        expect(await lostTerms({ ...articleToJsonLd(a, { language: 'en' }) })).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });

  it('finds a term schema.org does not define, so that the check above can fail', async () => {
    const document = {
      ...articleToJsonLd(fc.sample(article, { numRuns: 1, seed: 1 })[0], { language: 'en' }),
      pubstatus: 'usable',
    };
    expect(await lostTerms(document)).toEqual(['pubstatus']);
    const expanded = await expand({ '@context': 'https://schema.org', '@type': 'NewsArticle', headline: 'x' });
    expect(expanded).toEqual([{ '@type': ['http://schema.org/NewsArticle'], 'http://schema.org/headline': [{ '@value': 'x' }] }]);
  });

  it('documents examples that are valid exports too', async () => {
    for (const { value } of Object.values(NINJS.examples ?? {})) expect(ninjsErrors(value)).toEqual([]);
    for (const { value } of Object.values(JSON_LD.examples ?? {}))
      expect(await lostTerms(value as Record<string, unknown>)).toEqual([]);
  });
});
