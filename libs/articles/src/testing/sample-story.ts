// Tests only: the domain never reads files. Specs import this to use the sample story byte for byte.
import { readFileSync } from 'node:fs';

/** `test/fixtures/geneva-summit.txt`, read from the repository root (Jest runs there). */
export const SAMPLE_STORY = readFileSync(`${process.cwd()}/test/fixtures/geneva-summit.txt`, 'utf8');
