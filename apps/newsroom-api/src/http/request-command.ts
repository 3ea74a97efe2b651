import type { IncomingMessage } from 'node:http';

/**
 * The command a request carried, attached to the request by the command path as it runs: the
 * request's log line names it (request-logging.ts). Only ids, numbers and names: never a body,
 * a reason or a token.
 */
export interface RequestCommand {
  /** The domain command: ChangeHeadline, FixAttribution, … */
  type: string;
  articleId: string;
  /** The revision it produced or left unchanged; when refused, the one it was decided on (if any). */
  revision?: number;
  /** accepted, unchanged, replayed, refused, conflict or error, once it has settled. */
  outcome?: string;
}

type WithCommand = IncomingMessage & { command?: RequestCommand };

export function attachCommand(request: IncomingMessage, command: RequestCommand): void {
  (request as WithCommand).command = command;
}

export function commandOf(request: IncomingMessage): RequestCommand | undefined {
  return (request as WithCommand).command;
}
