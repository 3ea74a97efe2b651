import { destination } from 'pino';
import { isColorSupported } from 'pino-pretty';
import type { LogFormat } from './log-format';
import { prettyDestination } from './pretty-log';

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
  const json = destination({ dest: 1, sync: false });
  return {
    format,
    // A SonicBoom is what pino writes to by default; it lacks only the Writable flags pino ignores.
    destination: json as unknown as NodeJS.WritableStream,
    print: (text) => void json.write(text),
    colour: false,
  };
}
