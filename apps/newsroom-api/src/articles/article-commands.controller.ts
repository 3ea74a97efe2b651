import { randomUUID } from 'node:crypto';
import { Controller, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Article, ArticleCommand, RedactPassage } from '@newsroom/articles';
import type { Request, Response } from 'express';
import type { BodyOf } from '../contract/typed-input';
import { Valid } from '../http/contract.guard';
import { Route } from '../http/route.decorator';
import { MediaTopicVocabulary } from '../media-topics/media-topic-vocabulary';
import { addCategoryCommandOf } from './category-command';
import { answer, envelopeOf } from './command-request';
import { CommandTracking } from './command-tracking';
import { EditArticleCommand } from './commands/edit-article.command';
import { RedactPassageCommand } from './commands/redact-passage.command';
import { createCommandOf } from './create-command';

interface ArticlePath {
  id: string;
}

/** Thin: each route turns its body into a domain command and sends it down the command bus. */
@Controller()
export class ArticleCommandsController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly tracking: CommandTracking,
    private readonly vocabulary: MediaTopicVocabulary,
  ) {}

  @Route('createArticle')
  create(
    @Valid('body') body: BodyOf<'createArticle'> | string,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.send(request, response, randomUUID(), createCommandOf(body), null);
  }

  @Route('setHeadline')
  headline(
    @Valid('params') { id }: ArticlePath,
    @Valid('body') body: BodyOf<'setHeadline'>,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.send(request, response, id, { type: 'ChangeHeadline', headline: body.headline }, body.reason);
  }

  @Route('fixAttribution')
  fixAttribution(
    @Valid('params') { id }: ArticlePath,
    @Valid('body') body: BodyOf<'fixAttribution'>,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    const { reason, ...edit } = body;
    return this.send(request, response, id, { type: 'FixAttribution', ...edit }, reason);
  }

  @Route('correctText')
  correctText(
    @Valid('params') { id }: ArticlePath,
    @Valid('body') body: BodyOf<'correctText'>,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    const { reason, ...edit } = body;
    return this.send(request, response, id, { type: 'CorrectText', ...edit }, reason);
  }

  @Route('addCategory')
  addCategory(
    @Valid('params') { id }: ArticlePath,
    @Valid('body') body: BodyOf<'addCategory'>,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    // The category is completed from the Media Topics before the domain decides on it.
    return this.send(request, response, id, addCategoryCommandOf(body, this.vocabulary), body.reason);
  }

  @Route('removeCategory')
  removeCategory(
    @Valid('params') { id, slug }: ArticlePath & { slug: string },
    @Valid('body') body: BodyOf<'removeCategory'>,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.send(request, response, id, { type: 'RemoveCategory', slug }, body.reason);
  }

  @Route('publish')
  publish(
    @Valid('params') { id }: ArticlePath,
    @Valid('body') body: BodyOf<'publish'>,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.send(request, response, id, { type: 'PublishArticle' }, body.reason);
  }

  @Route('withdraw')
  withdraw(
    @Valid('params') { id }: ArticlePath,
    @Valid('body') body: BodyOf<'withdraw'>,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.send(request, response, id, { type: 'WithdrawArticle' }, body.reason);
  }

  @Route('restore')
  restore(
    @Valid('params') { id }: ArticlePath,
    @Valid('body') body: BodyOf<'restore'>,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.send(request, response, id, { type: 'RestoreArticle', revision: body.revision }, body.reason);
  }

  @Route('revert')
  revert(
    @Valid('params') { id }: ArticlePath,
    @Valid('body') body: BodyOf<'revert'>,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.send(request, response, id, { type: 'RevertChange', revision: body.revision }, body.reason);
  }

  @Route('redactPassage')
  async redact(
    @Valid('params') { id }: ArticlePath,
    @Valid('body') body: BodyOf<'redactPassage'>,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    const { text, blockId, range, reason, authority } = body;
    // null reads as absent, as in every command.
    const command: RedactPassage = {
      type: 'RedactPassage',
      reason,
      authority,
      ...(text == null ? {} : { text }),
      ...(blockId == null ? {} : { blockId }),
      ...(range == null ? {} : { range }),
    };
    const outcome = await this.tracking.track(request, command.type, id, (trace) =>
      this.commandBus.execute(new RedactPassageCommand({ ...envelopeOf(request, id, reason), trace }, command)),
    );
    return { article: answer(response, outcome), redactedRevisions: outcome.redactedRevisions };
  }

  private async send(
    request: Request,
    response: Response,
    id: string,
    command: ArticleCommand,
    reason: string | null | undefined,
  ): Promise<Article> {
    const outcome = await this.tracking.track(request, command.type, id, (trace) =>
      this.commandBus.execute(new EditArticleCommand({ ...envelopeOf(request, id, reason), trace }, command)),
    );
    return answer(response, outcome);
  }
}
