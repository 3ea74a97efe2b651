import { categoryBody, lookupTerm, suggestionReason, suggestionWhy, topicPlace } from './category-lookup';

const DIPLOMACY = {
  code: 'medtop:20000639',
  label: 'diplomacy',
  broader: { code: 'medtop:20000638', label: 'international relations' },
};

describe('looking up Media Topics in the desk', () => {
  it('looks up from two characters on, spaces tidied', () => {
    expect(lookupTerm(' d ')).toBeUndefined();
    expect(lookupTerm('')).toBeUndefined();
    expect(lookupTerm('  summit   meet ')).toBe('summit meet');
    expect(lookupTerm('él')).toBe('él');
  });

  it('sends a picked topic by its code, and anything typed since by its label', () => {
    expect(categoryBody('diplomacy', DIPLOMACY, '')).toEqual({ code: 'medtop:20000639' });
    expect(categoryBody(' Diplomacy ', DIPLOMACY, ' Summit coverage ')).toEqual({
      code: 'medtop:20000639',
      reason: 'Summit coverage',
    });
    expect(categoryBody('Diplomacy in Geneva', DIPLOMACY, '')).toEqual({ label: 'Diplomacy in Geneva' });
    expect(categoryBody(' Europe ', undefined, 'Region')).toEqual({ label: 'Europe', reason: 'Region' });
  });

  it('says where a topic sits', () => {
    expect(topicPlace(DIPLOMACY)).toBe('in international relations');
    expect(topicPlace({ ...DIPLOMACY, broader: null })).toBe('a top topic');
  });

  it('says why a topic is suggested, and records it as the reason', () => {
    const summit = { label: 'summit meeting', matched: { label: ['summit', 'meeting'], definition: ['diplomatic'] } };
    expect(suggestionWhy(summit)).toBe('Label words in the story: summit, meeting. Definition words: diplomatic.');
    expect(suggestionWhy({ label: 'diplomacy', matched: { label: ['diplomacy'], definition: [] } })).toBe(
      'Label words in the story: diplomacy.',
    );
    expect(suggestionReason(summit)).toBe('Suggested Media Topic “summit meeting” (the story says summit, meeting)');
  });
});
