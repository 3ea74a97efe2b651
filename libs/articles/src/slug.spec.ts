import { ArticleError } from './errors';
import { slugify } from './slug';

describe('slugify', () => {
  it.each([
    ['US–Russia Relations', 'us-russia-relations'],
    ['Diplomacy', 'diplomacy'],
    ['Política Exterior', 'politica-exterior'],
    ['Straße & Verkehr', 'strasse-verkehr'],
    ['Middle‐East — Peace Talks', 'middle-east-peace-talks'],
    ['  --Cyber   security!-- ', 'cyber-security'],
    ['G7 2021', 'g7-2021'],
    ['Ｆｕｌｌ width', 'full-width'],
  ])('given the label %j, then the slug is %j', (label, slug) => {
    expect(slugify(label)).toBe(slug);
  });

  it.each(['', '   ', '—', 'Россия'])('given %j (nothing ASCII left), then InvalidCategory', (label) => {
    expect(() => slugify(label)).toThrow(ArticleError);
    expect(() => slugify(label)).toThrow(expect.objectContaining({ code: 'InvalidCategory' }));
  });
});
