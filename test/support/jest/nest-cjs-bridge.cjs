/**
 * A Jest transform for the few CommonJS packages that require() the ESM-only NestJS 12 core
 * (@nestjs/throttler). Node ≥ 20.19 can require() ESM, but Jest's loader can only
 * do so on Node ≥ 24.9; until then their `require("@nestjs/common")` is pointed at the very
 * ESM instances the tests imported (see nest-esm-bridge.ts), so DI tokens stay identical.
 */
const BRIDGED = /require\("(@nestjs\/(?:common|core))"\)/g;

module.exports = {
  process(source) {
    return { code: source.replace(BRIDGED, (_match, id) => `globalThis.__nestEsmBridge[${JSON.stringify(id)}]`) };
  },
  getCacheKey(source, path) {
    return `nest-cjs-bridge:1:${path}:${source.length}:${require('node:crypto').createHash('sha1').update(source).digest('hex')}`;
  },
};
