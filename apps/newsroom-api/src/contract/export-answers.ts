import { arrayOf, dateTime, MAX_INT, object, type Schema } from './schema-kit';

/**
 * The exports' shapes, exactly as the server sends them (closed objects, like every answer): the
 * part of IPTC ninjs 2.4 and of schema.org's NewsArticle an article fills. The export tests also
 * validate every ninjs answer against IPTC's own schema and expand every JSON-LD answer with
 * schema.org's context.
 */
const URN = {
  type: 'string',
  pattern: '^urn:uuid:[0-9a-fA-F-]{36}$',
  description: 'The article’s id as a URN; the same for every revision',
  example: 'urn:uuid:1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed',
};
const MEDIA_TOPIC_URI = {
  type: 'string',
  pattern: '^http://cv\\.iptc\\.org/newscodes/mediatopic/[0-9]{8}$',
  example: 'http://cv.iptc.org/newscodes/mediatopic/20000639',
};
const string = { type: 'string' };

const NinjsItem = object(
  {
    uri: URN,
    type: { type: 'string', enum: ['text'] },
    version: { type: 'string', pattern: '^[1-9][0-9]*$', description: 'The revision shown, as a string', example: '8' },
    firstcreated: { ...dateTime, description: 'When the article was created (revision 1)' },
    versioncreated: { ...dateTime, description: 'When the revision shown was recorded' },
    pubstatus: {
      type: 'string',
      enum: ['usable', 'withheld', 'canceled'],
      description: 'usable: published; withheld: a draft; canceled: withdrawn',
    },
    language: { type: 'string', description: 'BCP 47', example: 'en' },
    headlines: arrayOf(object({ value: string }, ['value']), {
      maxItems: 1,
      description: 'The headline; empty when there is none',
    }),
    by: { type: 'string', description: 'The byline, when there is one' },
    located: { type: 'string', description: 'The dateline, when there is one' },
    bodies: arrayOf(
      object({ contenttype: { type: 'string', enum: ['text/plain', 'text/html'] }, value: string }, ['contenttype', 'value']),
      {
        description:
          'The blocks as plain text (separated by a blank line), then as HTML (each paragraph a <p>, each subheading an <h2>, text escaped)',
      },
    ),
    subjects: arrayOf(object({ name: string, uri: MEDIA_TOPIC_URI }, ['name']), {
      description: 'The categories, in the order they were added; uri when the category’s code is a Media Topic (medtop:…)',
    }),
  },
  ['uri', 'type', 'version', 'firstcreated', 'versioncreated', 'pubstatus', 'language', 'headlines', 'bodies', 'subjects'],
  {
    description:
      'The article as an IPTC ninjs 2.4 news item (https://iptc.org/std/ninjs/). No editor’s reason and no actor id is ever part of it.',
  },
);

const DefinedTerm = object(
  {
    '@type': { type: 'string', enum: ['DefinedTerm'] },
    '@id': MEDIA_TOPIC_URI,
    name: string,
    termCode: { type: 'string', example: 'medtop:20000639' },
    inDefinedTermSet: { type: 'string', enum: ['http://cv.iptc.org/newscodes/mediatopic/'] },
  },
  ['@type', 'name'],
  { description: 'A category; a Media Topic one with its concept URI, code and vocabulary' },
);

const CorrectionComment = object(
  { '@type': { type: 'string', enum: ['CorrectionComment'] }, text: string, datePublished: dateTime },
  ['@type', 'text', 'datePublished'],
  { description: 'A public correction notice (of any kind), with when it was published' },
);

const NewsArticleJsonLd = object(
  {
    '@context': { type: 'string', enum: ['https://schema.org'] },
    '@type': { type: 'string', enum: ['NewsArticle'] },
    '@id': URN,
    headline: string,
    creditText: { type: 'string', description: 'The byline' },
    dateline: string,
    articleBody: { type: 'string', description: 'The blocks as plain text, separated by a blank line' },
    inLanguage: { type: 'string', example: 'en' },
    creativeWorkStatus: {
      type: 'string',
      enum: ['Draft', 'Published', 'Withdrawn'],
      description: 'Withdrawn: the story was taken down',
    },
    version: { type: 'integer', minimum: 1, maximum: MAX_INT, description: 'The revision shown' },
    dateCreated: dateTime,
    dateModified: { ...dateTime, description: 'When the revision shown was recorded' },
    datePublished: { ...dateTime, description: 'The latest publication, when the story has been published' },
    about: arrayOf(DefinedTerm, { description: 'The categories, when there are any' }),
    correction: arrayOf(CorrectionComment, { description: 'The public notices, oldest first, when there are any' }),
  },
  ['@context', '@type', '@id', 'articleBody', 'inLanguage', 'creativeWorkStatus', 'version', 'dateCreated', 'dateModified'],
  {
    description:
      'The article as a schema.org NewsArticle in JSON-LD, every term one of schema.org’s. No editor’s reason and no actor id is ever part of it.',
  },
);

/** The exports' components of the OpenAPI document, by name. */
export const EXPORT_SCHEMAS: Record<string, Schema> = { NinjsItem, NewsArticleJsonLd };
