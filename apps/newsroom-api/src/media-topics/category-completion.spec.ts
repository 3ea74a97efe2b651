import { slugify } from '@newsroom/articles';
import { completeCategory } from './category-completion';
import type { MediaTopicVocabulary } from './media-topic-vocabulary';
import { shippedVocabulary } from './shipped-release';

let vocabulary: MediaTopicVocabulary;
beforeAll(async () => {
  vocabulary = await shippedVocabulary();
});

describe('completing a category from the Media Topics before it is decided on', () => {
  it('fills the label of a code sent alone, and derives the slug from it as always', () => {
    const completed = completeCategory({ code: 'medtop:20000640' }, vocabulary);
    expect(completed).toEqual({ ok: true, category: { label: 'summit meeting', code: 'medtop:20000640' } });
    expect(completed.ok && slugify(completed.category.label)).toBe('summit-meeting');
  });

  it('fills the code of a label that is a topic’s, keeping the label as typed (and so its slug)', () => {
    expect(completeCategory({ label: 'Diplomacy' }, vocabulary)).toEqual({
      ok: true,
      category: { label: 'Diplomacy', code: 'medtop:20000639' },
    });
    expect(completeCategory({ label: 'INTERNATIONAL RELATIONS' }, vocabulary)).toEqual({
      ok: true,
      category: { label: 'INTERNATIONAL RELATIONS', code: 'medtop:20000638' },
    });
  });

  it('keeps a label and code sent together, and a free label without a code (a house tag)', () => {
    expect(completeCategory({ label: 'Geneva talks', code: 'medtop:20000640' }, vocabulary)).toEqual({
      ok: true,
      category: { label: 'Geneva talks', code: 'medtop:20000640' },
    });
    expect(completeCategory({ label: 'US–Russia Relations' }, vocabulary)).toEqual({
      ok: true,
      category: { label: 'US–Russia Relations' },
    });
    expect(completeCategory({ label: 'Desk picks', code: 'house:picks' }, vocabulary)).toEqual({
      ok: true,
      category: { label: 'Desk picks', code: 'house:picks' },
    });
  });

  it('refuses a medtop: code no active topic has, with or without a label', () => {
    expect(completeCategory({ code: 'medtop:99999999' }, vocabulary)).toEqual({
      ok: false,
      refusal: 'UnknownMediaTopic',
      code: 'medtop:99999999',
    });
    // Retired in 2021: in IPTC's release, not among the active topics shipped.
    expect(completeCategory({ label: 'Music theatre', code: 'medtop:20000030' }, vocabulary)).toMatchObject({
      ok: false,
      refusal: 'UnknownMediaTopic',
    });
    expect(completeCategory({ code: 'MEDTOP:diplomacy' }, vocabulary)).toMatchObject({ ok: false, refusal: 'UnknownMediaTopic' });
  });

  it('refuses a house code alone: there is no label to take', () => {
    expect(completeCategory({ code: 'house:picks' }, vocabulary)).toEqual({
      ok: false,
      refusal: 'LabelRequired',
      code: 'house:picks',
    });
  });
});
