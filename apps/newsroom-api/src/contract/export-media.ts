import type { MediaType } from './operation';
import { ref } from './schema-kit';

/**
 * The representations of an article: its JSON and its exports, with their examples. The
 * examples are the short sample story of POST /articles' example, published, then corrected with a
 * public notice (revision 3) and withdrawn (revision 4): the documented-examples test makes that
 * story and compares its real exports with these, ids and times aside.
 */
const SAMPLE_ID = 'urn:uuid:1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed';
const CREATED = '2026-12-06T09:12:03.512Z';
const PUBLISHED = '2026-12-06T09:30:45.067Z';
const CORRECTED = '2026-12-06T10:41:17.208Z';
const WITHDRAWN = '2026-12-06T11:02:51.730Z';
const HEADLINE = 'Biden and Putin end Geneva summit after four hours';
const BLOCKS = [
  'The summit between US President Joe Biden and Russian President Vladimir Putin ended on Wednesday after nearly four hours of meeting in Geneva, Switzerland.',
  'Summit progress: Cybersecurity and diplomacy',
  'Meanwhile, Putin said that the US and Russian ambassadors will return to their diplomatic posts.',
];
const NOTICE = 'An earlier version of this article said the meeting lasted more than four hours.';

const ninjsCorrected = {
  uri: SAMPLE_ID,
  type: 'text',
  version: '3',
  firstcreated: CREATED,
  versioncreated: CORRECTED,
  pubstatus: 'usable',
  language: 'en',
  headlines: [{ value: HEADLINE }],
  by: 'By Newsroom staff',
  located: 'GENEVA',
  bodies: [
    { contenttype: 'text/plain', value: BLOCKS.join('\n\n') },
    { contenttype: 'text/html', value: `<p>${BLOCKS[0]}</p>\n<h2>${BLOCKS[1]}</h2>\n<p>${BLOCKS[2]}</p>` },
  ],
  subjects: [{ name: 'Diplomacy', uri: 'http://cv.iptc.org/newscodes/mediatopic/20000639' }],
};

export const NINJS: MediaType = {
  schema: ref('NinjsItem'),
  examples: {
    corrected: { summary: 'The sample story, published and corrected (revision 3)', value: ninjsCorrected },
    withdrawn: {
      summary: 'The same story withdrawn (revision 4): pubstatus canceled',
      value: { ...ninjsCorrected, version: '4', versioncreated: WITHDRAWN, pubstatus: 'canceled' },
    },
  },
};

export const JSON_LD: MediaType = {
  schema: ref('NewsArticleJsonLd'),
  examples: {
    corrected: {
      summary: 'The sample story, published and corrected (revision 3): its public notice is a CorrectionComment',
      value: {
        '@context': 'https://schema.org',
        '@type': 'NewsArticle',
        '@id': SAMPLE_ID,
        headline: HEADLINE,
        creditText: 'By Newsroom staff',
        dateline: 'GENEVA',
        articleBody: BLOCKS.join('\n\n'),
        inLanguage: 'en',
        creativeWorkStatus: 'Published',
        version: 3,
        dateCreated: CREATED,
        dateModified: CORRECTED,
        datePublished: PUBLISHED,
        about: [
          {
            '@type': 'DefinedTerm',
            '@id': 'http://cv.iptc.org/newscodes/mediatopic/20000639',
            name: 'Diplomacy',
            termCode: 'medtop:20000639',
            inDefinedTermSet: 'http://cv.iptc.org/newscodes/mediatopic/',
          },
        ],
        correction: [{ '@type': 'CorrectionComment', text: NOTICE, datePublished: CORRECTED }],
      },
    },
  },
};

/** The media types GET /articles/{id} negotiates, each with its schema and examples. */
export const ARTICLE_REPRESENTATIONS: Record<string, MediaType> = {
  'application/json': { schema: ref('Article') },
  'application/ninjs+json': NINJS,
  'application/ld+json': JSON_LD,
};
