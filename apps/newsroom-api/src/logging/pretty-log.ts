import { Writable } from 'node:stream';
import { type MessageFormatFunc, prettyFactory, type PrettyOptions } from 'pino-pretty';

/** The fields of a request line (request-logging.ts) and of Nest's own lines (pino-nest-logger.ts). */
interface LogLine {
  msg?: unknown;
  context?: unknown;
  req?: { method?: unknown; path?: unknown };
  res?: { status?: unknown };
  responseTime?: unknown;
  actor?: unknown;
  command?: { type?: unknown; revision?: unknown; outcome?: unknown };
}

/**
 * One readable line per log entry, for a person at a terminal:
 *
 *   [14:02:11.512] INFO: POST /articles/42/text-corrections 200 35 ms by eddie · CorrectText r8 accepted
 *   [14:02:09.870] INFO: [NestApplication] Nest application successfully started
 *
 * Time, level, then for a request its method, path, status, duration and actor (when it has one),
 * and for a command its type, the revision it made (or was refused at) and its outcome.
 * Anything else a line carries (an error and its stack) follows on the lines below it.
 */
export function prettyLogOptions(colorize: boolean): PrettyOptions {
  return {
    colorize,
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: 'pid,hostname,req,res,responseTime,actor,command,context',
    messageFormat: formatMessage,
    // A stack as its own lines rather than one JSON string with "\n" in it.
    customPrettifiers: { stack: (stack) => clean(stack, true) },
  };
}

/** A function from one JSON log line (string or object) to its readable form, newline included. */
export function prettyLogFormatter(colorize: boolean): (line: string | object) => string {
  return prettyFactory(prettyLogOptions(colorize));
}

/**
 * A pino destination that writes readable lines to `out` (stdout), synchronously and in order:
 * whatever is printed to `out` afterwards (the start-up banner) comes after the lines logged before.
 */
export function prettyDestination(out: NodeJS.WritableStream, colorize: boolean): Writable {
  const format = prettyLogFormatter(colorize);
  return new Writable({
    decodeStrings: false,
    write(chunk: string | Buffer, _encoding, done) {
      out.write(format(chunk.toString()));
      done();
    },
  });
}

const formatMessage: MessageFormatFunc = (log, messageKey, _levelLabel, { colors }) => {
  const line = log as LogLine;
  if (line.req && line.res) {
    const status = Number(line.res.status);
    const paint = status >= 500 ? colors.red : status >= 400 ? colors.yellow : colors.green;
    const parts = [
      clean(line.req.method),
      clean(line.req.path),
      paint(String(status)),
      colors.gray(`${clean(line.responseTime)} ms`),
    ];
    if (line.actor !== undefined && line.actor !== null) parts.push(`by ${clean(line.actor)}`);
    if (line.command) parts.push(commandPart(line.command));
    return parts.join(' ');
  }
  const message = clean(log[messageKey] ?? '');
  return line.context ? `${colors.gray(`[${clean(line.context)}]`)} ${message}` : message;
};

/** `· CorrectText r8 accepted`: what the command was, the revision it names, how it ended. */
function commandPart({ type, revision, outcome }: NonNullable<LogLine['command']>): string {
  const at = revision === undefined || revision === null ? [] : [`r${clean(revision)}`];
  return ['·', clean(type), ...at, ...(outcome === undefined ? [] : [clean(outcome)])].join(' ');
}

/**
 * Text from the line without control characters: a token's subject must not be able to move the
 * cursor, recolour the terminal or start a line that looks like another request's (line breaks
 * become spaces). A stack keeps its line breaks.
 */
function clean(value: unknown, multiline = false): string {
  // eslint-disable-next-line no-control-regex
  const text = String(value).replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '');
  return multiline ? text : text.replace(/[\t\n]+/g, ' ');
}
