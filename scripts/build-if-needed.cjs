// `npm start` builds first when the compiled entry (or the desk) is missing or older than any source file.
const { execSync } = require('node:child_process');
const { existsSync, readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');

const entry = 'dist/apps/newsroom-api/apps/newsroom-api/src/main.js';

function newestSource(dir) {
  let newest = 0;
  for (const name of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, name.name);
    if (name.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (name.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

const sources = ['apps', 'libs', 'migrations'].filter(existsSync).map(newestSource);
if (!existsSync(entry) || Math.max(...sources) > statSync(entry).mtimeMs) {
  execSync('npx nest build', { stdio: 'inherit' });
}

// The desk, served by the API at /desk, when its sources are newer than its build.
require('./build-desk-if-needed.cjs').buildDeskIfNeeded({ stdio: 'inherit' });
