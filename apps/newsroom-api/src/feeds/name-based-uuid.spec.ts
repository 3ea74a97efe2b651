import { nameBasedUuid } from './name-based-uuid';

describe('nameBasedUuid', () => {
  it('gives RFC 9562’s own version 5 example', () => {
    // RFC 9562 Appendix A.4: the DNS namespace and "www.example.com".
    expect(nameBasedUuid('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'www.example.com')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });

  it('is stable for the same inputs and differs for another name', () => {
    const article = '1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed';
    expect(nameBasedUuid(article, 'correction/8')).toBe(nameBasedUuid(article, 'correction/8'));
    expect(nameBasedUuid(article, 'correction/8')).not.toBe(nameBasedUuid(article, 'correction/9'));
  });
});
