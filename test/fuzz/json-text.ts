import fc from 'fast-check';

/**
 * A string of `count` repetitions of `unit`, built only when the request is sent: fast-check keeps
 * (and prints, and shrinks) the recipe, not a megabyte of text.
 */
export class Huge {
  constructor(
    readonly unit: string,
    readonly count: number,
  ) {}

  text(): string {
    return this.unit.repeat(this.count);
  }

  /** UTF-8 bytes the string takes inside a JSON document (escapes ignored: units are chosen not to need any). */
  bytes(): number {
    return Buffer.byteLength(this.unit) * this.count;
  }

  [fc.toStringMethod](): string {
    return `${JSON.stringify(this.unit)}×${this.count}`;
  }
}

/**
 * `depth` nested arrays or objects around `leaf`. Written straight to text: JSON.stringify (and
 * any recursive walk on the client side) would overflow the stack long before the server does.
 */
export class Deep {
  constructor(
    readonly kind: 'array' | 'object',
    readonly depth: number,
  ) {}

  [fc.toStringMethod](): string {
    return `Deep(${this.kind}×${this.depth})`;
  }
}

/** What a generated JSON body may hold: plain JSON plus the two lazy kinds above. */
export type FuzzJson = null | boolean | number | string | Huge | Deep | FuzzJson[] | { [key: string]: FuzzJson };

/** The JSON text of a value; `__proto__` keys are written as own keys, as a hostile client would. */
export function toJsonText(value: FuzzJson): string {
  if (value instanceof Huge) return JSON.stringify(value.text());
  if (value instanceof Deep) {
    const [open, close] = value.kind === 'array' ? ['[', ']'] : ['{"a":', '}'];
    return `${open.repeat(value.depth)}1${close.repeat(value.depth)}`;
  }
  if (Array.isArray(value)) return `[${value.map(toJsonText).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.keys(value)
      .map((key) => `${JSON.stringify(key)}:${toJsonText(value[key])}`)
      .join(',')}}`;
  }
  // JSON has no NaN or Infinity: a client library would send null, so do we.
  return JSON.stringify(value) ?? 'null';
}

/** The deepest nesting in a value, counting Deep at its declared depth. */
export function nestingOf(value: FuzzJson): number {
  if (value instanceof Deep) return value.depth;
  if (value instanceof Huge || value === null || typeof value !== 'object') return 0;
  const children = Array.isArray(value) ? value : Object.values(value);
  return 1 + Math.max(0, ...children.map(nestingOf));
}

/** Builds an object with exactly these own keys, including `__proto__`, which a literal would not. */
export function objectOf(entries: ReadonlyArray<readonly [string, FuzzJson]>): { [key: string]: FuzzJson } {
  const object: { [key: string]: FuzzJson } = {};
  for (const [key, value] of entries)
    Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
  return object;
}
