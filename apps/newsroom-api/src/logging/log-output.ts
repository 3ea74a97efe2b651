import { destination } from 'pino';
import { isColorSupported } from 'pino-pretty';
import type { LogFormat } from './log-format';
import { prettyDestination } from './pretty-log';

/** Below SonicBoom's largest single write (16 KiB), so that a batch goes out in one. */
const LOG_BATCH_BYTES = 8192;
/** A line waits at most this long on a quiet server: a person tailing the log sees it at once. */
const LOG_FLUSH_MS = 100;

/** Where the API's log lines go, and how to print text after them (the start-up banner). */
export interface LogOutput {
  format: LogFormat;
  /** pino's destination (AppConfig.logDestination). */
  destination: NodeJS.WritableStream;
  /** Writes `text` as is, after every line logged so far. */
  print(text: string): void;
  /** Whether the terminal takes colours (never in JSON). */
  colour: boolean;
}

export function logOutput(format: LogFormat, stdout: NodeJS.WriteStream = process.stdout): LogOutput {
  if (format === 'pretty') {
    // colorette's answer for stdout: a terminal, and neither NO_COLOR nor TERM=dumb.
    const colour = isColorSupported;
    return { format, destination: prettyDestination(stdout, colour), print: (text) => void stdout.write(text), colour };
  }
  // Written asynchronously, as before: a line per request must not cost the request a blocking
  // write. The banner goes through the same buffer, so it follows the lines queued before it.
  // Lines are gathered up to LOG_BATCH_BYTES and written together, and whatever is gathered is
  // written at least every LOG_FLUSH_MS: a write per line was 5–7% of the API's CPU under load
  // (bench:api's profile, issue 12). pino writes out what is left when the process exits.
  const json = destination({ dest: 1, sync: false, minLength: LOG_BATCH_BYTES, periodicFlush: LOG_FLUSH_MS });
  return {
    format,
    // A SonicBoom is what pino writes to by default; it lacks only the Writable flags pino ignores.
    destination: json as unknown as NodeJS.WritableStream,
    print: (text) => void json.write(text),
    colour: false,
  };
}
