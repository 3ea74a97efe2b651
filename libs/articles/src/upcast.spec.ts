import { ARTICLE_EVENT_TYPES } from './events';
import { ARTICLE_SCHEMA_VERSION, upcast } from './upcast';

describe('upcast', () => {
  it('is at schema version 1', () => {
    expect(ARTICLE_SCHEMA_VERSION).toBe(1);
  });

  it.each(ARTICLE_EVENT_TYPES)('given a stored v1 %s, then it reads back unchanged', (type) => {
    const data = { some: 'data' };
    expect(upcast(type, data, 1)).toEqual({ type, data });
  });

  it('given an unknown type, then it throws', () => {
    expect(() => upcast('ArticleShredded', {}, 1)).toThrow(/Unknown article event type/);
  });

  it.each([0, 2, 1.5])('given schema version %d, then it throws', (version) => {
    expect(() => upcast('ArticlePublished', {}, version)).toThrow(/schema version/);
  });

  it.each([null, 'text', 3])('given data %j that is not an object, then it throws', (data) => {
    expect(() => upcast('ArticlePublished', data, 1)).toThrow(/not an object/);
  });
});
