import type { Article } from '@newsroom/articles';
import { mediaTopicUri } from '../media-topics/media-topic-codes';
import { articleToNinjs } from './ninjs';

const article: Article = {
  id: '1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed',
  revision: 8,
  status: 'published',
  headline: 'Biden and Putin end Geneva summit',
  byline: 'By Newsroom staff',
  dateline: 'GENEVA',
  blocks: [
    { id: 'b1', type: 'paragraph', text: 'The summit ended after nearly four hours.' },
    { id: 'b7', type: 'subheading', text: 'Summit progress' },
  ],
  categories: [
    { slug: 'diplomacy', label: 'Diplomacy', code: 'medtop:20000639' },
    { slug: 'us-russia-relations', label: 'US–Russia Relations' },
    { slug: 'desk-picks', label: 'Desk picks', code: 'house:picks' },
  ],
  corrections: [
    { revision: 8, kind: 'correction', recordedAt: '2026-12-06T10:41:17.208Z', text: 'An earlier version said more.' },
  ],
  createdAt: '2026-12-06T09:12:03.512Z',
  updatedAt: '2026-12-06T10:41:17.208Z',
  publishedAt: '2026-12-06T09:30:45.067Z',
};

describe('articleToNinjs', () => {
  it('maps the article at its revision to a ninjs 2.4 text item', () => {
    expect(articleToNinjs(article, { language: 'en' })).toEqual({
      uri: 'urn:uuid:1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed',
      type: 'text',
      version: '8',
      firstcreated: '2026-12-06T09:12:03.512Z',
      versioncreated: '2026-12-06T10:41:17.208Z',
      pubstatus: 'usable',
      language: 'en',
      headlines: [{ value: 'Biden and Putin end Geneva summit' }],
      by: 'By Newsroom staff',
      located: 'GENEVA',
      bodies: [
        { contenttype: 'text/plain', value: 'The summit ended after nearly four hours.\n\nSummit progress' },
        { contenttype: 'text/html', value: '<p>The summit ended after nearly four hours.</p>\n<h2>Summit progress</h2>' },
      ],
      subjects: [
        { name: 'Diplomacy', uri: 'http://cv.iptc.org/newscodes/mediatopic/20000639' },
        { name: 'US–Russia Relations' },
        { name: 'Desk picks' },
      ],
    });
  });

  it('says withheld for a draft and canceled for a withdrawn story', () => {
    const pubstatus = (status: Article['status']) => articleToNinjs({ ...article, status }, { language: 'en' }).pubstatus;
    expect([pubstatus('draft'), pubstatus('published'), pubstatus('withdrawn')]).toEqual(['withheld', 'usable', 'canceled']);
  });

  it('leaves out what the article does not have: no headline, byline or dateline', () => {
    const bare = articleToNinjs({ ...article, headline: null, byline: null, dateline: null, categories: [] }, { language: 'en' });
    expect(bare.headlines).toEqual([]);
    expect(bare.subjects).toEqual([]);
    expect(bare).not.toHaveProperty('by');
    expect(bare).not.toHaveProperty('located');
  });
});

describe('mediaTopicUri', () => {
  it('turns an eight-digit medtop code into its concept URI and nothing else', () => {
    expect(mediaTopicUri('medtop:20000639')).toBe('http://cv.iptc.org/newscodes/mediatopic/20000639');
    for (const code of [undefined, 'house:picks', 'medtop:2000', 'medtop: 20000639', 'MEDTOP:20000639', 'medtop:20000639 '])
      expect(mediaTopicUri(code)).toBeUndefined();
  });
});
