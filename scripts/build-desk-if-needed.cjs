// Builds the desk (apps/desk → dist/desk) when dist/desk/index.html is missing or older than any
// of its sources. `node scripts/build-desk-if-needed.cjs` from the CLI; require() it for the function.
const { execSync } = require('node:child_process');
const { existsSync, readdirSync, statSync } = require('node:fs');
const { join, resolve } = require('node:path');

const root = resolve(__dirname, '..');
const SOURCES = ['apps/desk', 'libs/api-client/src'];
const OUTPUT = 'dist/desk/index.html';

function newest(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let max = stat.mtimeMs;
  for (const entry of readdirSync(path)) max = Math.max(max, newest(join(path, entry)));
  return max;
}

/** True when the desk had to be built. */
function buildDeskIfNeeded({ cwd = root, stdio = 'inherit' } = {}) {
  const output = join(cwd, OUTPUT);
  const sources = SOURCES.map((s) => join(cwd, s)).filter(existsSync);
  if (existsSync(output) && Math.max(...sources.map(newest)) <= statSync(output).mtimeMs) return false;
  execSync('npm run build:desk', { cwd, stdio });
  return true;
}

module.exports = { buildDeskIfNeeded };

if (require.main === module) buildDeskIfNeeded();
