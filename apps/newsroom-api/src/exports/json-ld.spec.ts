import type { Article } from '@newsroom/articles';
import { articleToJsonLd } from './json-ld';

const article: Article = {
  id: '1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed',
  revision: 8,
  status: 'published',
  headline: 'Biden and Putin end Geneva summit',
  byline: null,
  dateline: null,
  blocks: [
    { id: 'b1', type: 'paragraph', text: 'The summit ended after nearly four hours.' },
    { id: 'b7', type: 'subheading', text: 'Summit progress' },
  ],
  categories: [
    { slug: 'diplomacy', label: 'Diplomacy', code: 'medtop:20000639' },
    { slug: 'us-russia-relations', label: 'US–Russia Relations' },
  ],
  corrections: [
    { revision: 3, kind: 'correction', recordedAt: '2026-12-06T09:20:00.000Z', text: 'It was CNN’s question.' },
    { revision: 8, kind: 'clarification', recordedAt: '2026-12-06T10:41:17.208Z', text: 'The meeting ran under four hours.' },
  ],
  createdAt: '2026-12-06T09:12:03.512Z',
  updatedAt: '2026-12-06T10:41:17.208Z',
  publishedAt: '2026-12-06T09:30:45.067Z',
};

describe('articleToJsonLd', () => {
  it('maps the article to a schema.org NewsArticle, its public notices as CorrectionComments', () => {
    expect(articleToJsonLd(article, { language: 'en' })).toEqual({
      '@context': 'https://schema.org',
      '@type': 'NewsArticle',
      '@id': 'urn:uuid:1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed',
      headline: 'Biden and Putin end Geneva summit',
      articleBody: 'The summit ended after nearly four hours.\n\nSummit progress',
      inLanguage: 'en',
      creativeWorkStatus: 'Published',
      version: 8,
      dateCreated: '2026-12-06T09:12:03.512Z',
      dateModified: '2026-12-06T10:41:17.208Z',
      datePublished: '2026-12-06T09:30:45.067Z',
      about: [
        {
          '@type': 'DefinedTerm',
          '@id': 'http://cv.iptc.org/newscodes/mediatopic/20000639',
          name: 'Diplomacy',
          termCode: 'medtop:20000639',
          inDefinedTermSet: 'http://cv.iptc.org/newscodes/mediatopic/',
        },
        { '@type': 'DefinedTerm', name: 'US–Russia Relations' },
      ],
      correction: [
        { '@type': 'CorrectionComment', text: 'It was CNN’s question.', datePublished: '2026-12-06T09:20:00.000Z' },
        { '@type': 'CorrectionComment', text: 'The meeting ran under four hours.', datePublished: '2026-12-06T10:41:17.208Z' },
      ],
    });
  });

  it('says a withdrawn story is withdrawn, a draft a draft with no datePublished', () => {
    expect(articleToJsonLd({ ...article, status: 'withdrawn' }, { language: 'en' }).creativeWorkStatus).toBe('Withdrawn');
    const draft = articleToJsonLd({ ...article, status: 'draft', publishedAt: null }, { language: 'en' });
    expect(draft.creativeWorkStatus).toBe('Draft');
    expect(draft).not.toHaveProperty('datePublished');
  });

  it('leaves out what the article does not have', () => {
    const bare = articleToJsonLd({ ...article, headline: null, categories: [], corrections: [] }, { language: 'en' });
    for (const term of ['headline', 'creditText', 'dateline', 'about', 'correction']) expect(bare).not.toHaveProperty(term);
    expect(articleToJsonLd({ ...article, byline: 'By Anna Keller', dateline: 'GENEVA' }, { language: 'en' })).toMatchObject({
      creditText: 'By Anna Keller',
      dateline: 'GENEVA',
    });
  });
});
