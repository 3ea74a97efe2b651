import fc from 'fast-check';

/**
 * Text that looks like code to some layer below the API: SQL, HTML, JSON, format strings and
 * template syntax. None of it may be interpreted; all of it must come back byte for byte.
 */
export const CODE_LOOKALIKES: readonly string[] = [
  "'); DROP TABLE events;--",
  "' OR '1'='1",
  '"; DELETE FROM articles; --',
  '1; SELECT pg_sleep(10)',
  '$1 $2 $$ $tag$ $$',
  "E'\\\\x41' || chr(0)",
  '<script>alert(1)</script>',
  '<img src=x onerror="alert(1)">',
  '&lt;b&gt; &amp;amp; &#x27;',
  '{"a":1}',
  '[1,2,{"b":null}]',
  'null',
  '{"__proto__":{"admin":true}}',
  '%s %n %x %d %%',
  '${x} ${process.exit(1)}',
  '{{7*7}} #{x} <%= x %>',
  '../../etc/passwd',
  'C:\\Windows\\system32\\',
  '\\u0000 \\ud800 \\n',
  '`rm -rf /`',
];

/** Single code points that trip up encoders, normalisers and bidi-unaware code (all storable). */
export const TRICKY_CHARACTERS: readonly string[] = [
  '\u200f', // right-to-left mark
  '\u200e', // left-to-right mark
  '\u202e', // right-to-left override
  '\u2066', // left-to-right isolate
  '\u0301', // combining acute accent
  '\u0336', // combining long stroke overlay
  '\u200b', // zero-width space
  '\u200d', // zero-width joiner
  '\ufeff', // byte order mark
  '\u2028', // line separator (breaks naive JS string literals)
  '\u00a0', // no-break space
  '\ufffd', // replacement character
  '\uffff', // noncharacter
  '\ue000', // private use
  '\u0007', // bell
  '\u001b', // escape
  '\u007f', // delete
  '’',
  '“',
  '”',
  'ß',
  'İ',
  'ﬁ',
  '𝕏',
  '👩‍👩‍👧',
  '🇨🇭',
  'שלום',
  'مرحبا',
  '日本語',
  'Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǵ̩̔o̗',
];

/** Code units that PostgreSQL's jsonb cannot store: the API must refuse them with 400. */
export const UNSTORABLE: readonly string[] = ['\ud800', '\udfff', '\udc00x\ud800', '\u0000', 'a\u0000b'];

const asciiWord = fc.stringMatching(/^[A-Za-z][A-Za-z0-9]{0,11}$/);

/** Well-formed Unicode without NUL: the alphabet of every valid text field. */
const storableUnit = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: 'grapheme-ascii', maxLength: 1, minLength: 1 }) },
  { weight: 2, arbitrary: fc.constantFrom(...TRICKY_CHARACTERS) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
  { weight: 1, arbitrary: fc.constantFrom(...CODE_LOOKALIKES) },
);

/** Storable text, possibly blank or empty. */
export const storableText = (maxUnits = 12): fc.Arbitrary<string> =>
  fc
    .array(storableUnit, { maxLength: maxUnits })
    .map((parts) => parts.join(''))
    .filter((text) => !text.includes('\u0000'));

/** Storable text that is not blank (what every required text field wants). */
export const visibleText = (maxUnits = 12): fc.Arbitrary<string> =>
  fc.tuple(storableText(maxUnits), asciiWord, storableText(maxUnits)).map(([a, word, b]) => `${a}${word}${b}`);

/** Blank to JavaScript's trim(): a required text field must refuse it. */
export const blankText = fc
  .array(fc.constantFrom(' ', '\t', '\n', '\r', '\u00a0', '\u2003', '\u3000', '\ufeff', '\u2028'), { maxLength: 6 })
  .map((parts) => parts.join(''));

/** Valid text with a code unit jsonb cannot hold spliced in somewhere. */
export const unstorableText = fc
  .tuple(storableText(6), fc.constantFrom(...UNSTORABLE), storableText(6))
  .map(([a, bad, b]) => `${a}${bad}${b}`);

/** A hostile-looking string with nothing at either edge that a trim() would take away. */
export const codeLookalike: fc.Arbitrary<string> = fc
  .tuple(storableText(4), fc.constantFrom(...CODE_LOOKALIKES), storableText(4))
  .map(([a, code, b]) => `${a}${code}${b}`.trim())
  .filter((text) => text !== '' && text.trim() === text);

/**
 * Long enough to be shortened somewhere (a summary, a log line), with a character outside the
 * Basic Multilingual Plane (two UTF-16 units) where a naive cut may fall.
 */
export const astralNearCut: fc.Arbitrary<string> = fc
  .tuple(
    fc.integer({ min: 70, max: 130 }),
    fc.constantFrom('😀', '𝕏', '👩‍👩‍👧', '🇨🇭', '𐀀'),
    fc.constantFrom('', '!', ' and the rest'),
  )
  .map(([n, astral, tail]) => `${'x'.repeat(n)}${astral}${tail}`);
