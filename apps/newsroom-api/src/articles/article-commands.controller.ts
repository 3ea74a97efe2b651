import { randomUUID } from 'node:crypto';
import { Body, Controller, Delete, Param, Post, Put, Req, Res } from '@nestjs/common';
import { ArticleIdPipe } from './article-id.pipe';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Article, ArticleCommand } from '@newsroom/articles';
import type { Request, Response } from 'express';
import { Allow } from '../auth/access.decorators';
import { Consumes } from '../http/consumes.decorator';
import { answer, envelopeOf } from './command-request';
import { EditArticleCommand } from './commands/edit-article.command';
import { CreateArticleBodyPipe, createCommandOf } from './create-command';
import { AddCategoryDto } from './dto/category.dto';
import { CreateArticleDto } from './dto/create-article.dto';
import { FindReplaceDto } from './dto/find-replace.dto';
import { HeadlineDto, OptionalReasonDto, ReasonDto, RevisionReasonDto } from './dto/reason.dto';
import { CommandResponses } from './openapi/command-responses';

const ID = new ArticleIdPipe();

/** Thin: each route turns its body into a domain command and sends it down the command bus. */
@ApiTags('commands')
@ApiBearerAuth()
@ApiHeader({
  name: 'If-Match',
  required: false,
  description: 'Quoted revision, e.g. "4": refuse with 412 if the article moved on.',
})
@ApiHeader({
  name: 'Idempotency-Key',
  required: false,
  description: '≤ 200 visible ASCII characters; a repeat replays the first answer.',
})
@ApiHeader({ name: 'X-Request-Id', required: false, description: 'Echoed, and recorded as the correlation id.' })
@Controller('articles')
export class ArticleCommandsController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  @Allow('reporter', 'editor')
  @Consumes('application/json', 'text/plain')
  @ApiConsumes('application/json', 'text/plain')
  @ApiBody({ type: CreateArticleDto, description: 'JSON, or the raw story as text/plain' })
  @ApiOperation({ summary: 'Create an article (ArticleCreated)' })
  @CommandResponses(201)
  create(
    @Body(CreateArticleBodyPipe) body: CreateArticleDto | string,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.send(request, response, randomUUID(), createCommandOf(body), null);
  }

  @Put(':id/headline')
  @Allow('reporter', 'editor')
  @ApiOperation({ summary: 'Set the headline (HeadlineChanged)' })
  @CommandResponses()
  headline(
    @Param('id', ID) id: string,
    @Body() body: HeadlineDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.send(request, response, id, { type: 'ChangeHeadline', headline: body.headline }, body.reason);
  }

  @Post(':id/attribution-fixes')
  @Allow('reporter', 'editor')
  @ApiOperation({ summary: 'Fix an attribution by find and replace (AttributionFixed)' })
  @CommandResponses()
  fixAttribution(
    @Param('id', ID) id: string,
    @Body() body: FindReplaceDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    const { reason, ...edit } = body;
    return this.send(request, response, id, { type: 'FixAttribution', ...edit }, reason);
  }

  @Post(':id/text-corrections')
  @Allow('reporter', 'editor')
  @ApiOperation({ summary: 'Correct text by find and replace (TextCorrected)' })
  @CommandResponses()
  correctText(
    @Param('id', ID) id: string,
    @Body() body: FindReplaceDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    const { reason, ...edit } = body;
    return this.send(request, response, id, { type: 'CorrectText', ...edit }, reason);
  }

  @Post(':id/categories')
  @Allow('reporter', 'editor')
  @ApiOperation({ summary: 'Add a category (CategoryAdded); an existing slug changes nothing' })
  @CommandResponses()
  addCategory(
    @Param('id', ID) id: string,
    @Body() body: AddCategoryDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.send(request, response, id, { type: 'AddCategory', label: body.label, code: body.code }, body.reason);
  }

  @Delete(':id/categories/:slug')
  @Allow('reporter', 'editor')
  @ApiOperation({ summary: 'Remove a category (CategoryRemoved); an absent slug changes nothing' })
  @CommandResponses()
  removeCategory(
    @Param('id', ID) id: string,
    @Param('slug') slug: string,
    @Body() body: OptionalReasonDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.send(request, response, id, { type: 'RemoveCategory', slug }, body.reason);
  }

  @Post(':id/publication')
  @Allow('editor')
  @ApiOperation({ summary: 'Publish (ArticlePublished); needs a headline' })
  @CommandResponses()
  publish(
    @Param('id', ID) id: string,
    @Body() body: OptionalReasonDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.send(request, response, id, { type: 'PublishArticle' }, body.reason);
  }

  @Delete(':id/publication')
  @Allow('editor')
  @ApiOperation({ summary: 'Withdraw (ArticleWithdrawn)' })
  @CommandResponses()
  withdraw(
    @Param('id', ID) id: string,
    @Body() body: ReasonDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.send(request, response, id, { type: 'WithdrawArticle' }, body.reason);
  }

  @Post(':id/restorations')
  @Allow('editor')
  @ApiOperation({ summary: 'Restore the content of a past revision, as a new revision (ArticleRestored)' })
  @CommandResponses()
  restore(
    @Param('id', ID) id: string,
    @Body() body: RevisionReasonDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.send(request, response, id, { type: 'RestoreArticle', revision: body.revision }, body.reason);
  }

  @Post(':id/reverts')
  @Allow('editor')
  @ApiOperation({ summary: 'Undo the change made at one revision, keeping later ones (ChangeReverted)' })
  @CommandResponses()
  revert(
    @Param('id', ID) id: string,
    @Body() body: RevisionReasonDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.send(request, response, id, { type: 'RevertChange', revision: body.revision }, body.reason);
  }

  private async send(
    request: Request,
    response: Response,
    id: string,
    command: ArticleCommand,
    reason: string | null | undefined,
  ): Promise<Article> {
    const outcome = await this.commandBus.execute(new EditArticleCommand(envelopeOf(request, id, reason), command));
    return answer(response, outcome);
  }
}
