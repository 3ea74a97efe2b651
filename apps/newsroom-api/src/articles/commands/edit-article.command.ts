import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Article, ArticleCommand } from '@newsroom/articles';
import { ArticleCommandRunner } from './article-command-runner';
import type { CommandEnvelope, CommandOutcome } from './command-envelope';

/**
 * Any editor's command against one article (create, headline, fixes, categories, publication,
 * restore, revert). The domain's `decide` tells them apart; every one takes the same path to
 * the log, so one handler serves them all.
 */
export class EditArticleCommand extends Command<CommandOutcome<Article>> {
  constructor(
    readonly envelope: CommandEnvelope,
    readonly command: ArticleCommand,
  ) {
    super();
  }
}

@CommandHandler(EditArticleCommand)
export class EditArticleHandler implements ICommandHandler<EditArticleCommand> {
  constructor(private readonly runner: ArticleCommandRunner) {}

  execute({ envelope, command }: EditArticleCommand): Promise<CommandOutcome<Article>> {
    return this.runner.run(envelope, command);
  }
}
