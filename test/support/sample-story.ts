import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The sample wire story, byte for byte (UTF-8, typographic quotes, no final newline). */
export const GENEVA_SUMMIT = readFileSync(join(process.cwd(), 'test', 'fixtures', 'geneva-summit.txt'), 'utf8');
