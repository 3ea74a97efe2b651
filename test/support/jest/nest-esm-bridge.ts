import * as common from '@nestjs/common';
import * as core from '@nestjs/core';

// Read by the code nest-cjs-bridge.cjs rewrites: see there for why.
(globalThis as { __nestEsmBridge?: Record<string, unknown> }).__nestEsmBridge = {
  '@nestjs/common': common,
  '@nestjs/core': core,
};
