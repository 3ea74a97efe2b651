import { Inject, Injectable, Optional } from '@nestjs/common';
import type { Article, ArticleCommand, RedactPassage } from '@newsroom/articles';
import type { IncomingMessage } from 'node:http';
import { attachCommand, type RequestCommand } from '../http/request-command';
import { toProblem } from '../http/problem-mapping';
import { type CommandOutcomeLabel, METRICS, type NewsroomMetrics } from '../metrics/newsroom-metrics';
import type { CommandOutcome } from './commands/command-envelope';

/** What one command came to, as the request's log line and the command counter name it. */
export interface CommandTrace extends RequestCommand {
  outcome?: CommandOutcomeLabel;
}

/**
 * Follows each command from the controller to its answer: the trace is attached to the request
 * before anything can refuse it, so the request's log line names the command (type, article,
 * revision, outcome) whatever happens, and `newsroom_commands_total` counts it once it settles.
 * The runner writes the revision each attempt decides on into it, which is what a refusal's line
 * names; an answered command's line names the revision it answered with.
 */
@Injectable()
export class CommandTracking {
  constructor(@Optional() @Inject(METRICS) private readonly metrics: NewsroomMetrics | null = null) {}

  async track<TOutcome extends CommandOutcome<Article>>(
    request: IncomingMessage,
    type: ArticleCommand['type'] | RedactPassage['type'],
    articleId: string,
    run: (trace: CommandTrace) => Promise<TOutcome>,
  ): Promise<TOutcome> {
    const trace: CommandTrace = { type, articleId };
    attachCommand(request, trace);
    try {
      const outcome = await run(trace);
      trace.outcome = outcome.replayed ? 'replayed' : outcome.article.revision === trace.revision ? 'unchanged' : 'accepted';
      trace.revision = outcome.article.revision;
      return outcome;
    } catch (error) {
      trace.outcome = outcomeOfStatus(toProblem(error).problem.status);
      // Revision 0 is an article that does not exist (yet): there is no revision to name.
      if (trace.revision === 0) trace.revision = undefined;
      throw error;
    } finally {
      this.metrics?.commands.labels(type, trace.outcome ?? 'error').inc();
    }
  }
}

/** A refusal by its status: 409 and 412 are conflicts with another writer, any other 4xx a refusal. */
function outcomeOfStatus(status: number): CommandOutcomeLabel {
  if (status === 409 || status === 412) return 'conflict';
  return status >= 400 && status < 500 ? 'refused' : 'error';
}
