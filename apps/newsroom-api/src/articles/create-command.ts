import { Injectable, type PipeTransform } from '@nestjs/common';
import type { CreateArticle } from '@newsroom/articles';
import { isStorableText } from '../http/text.validators';
import { invalid, StrictValidationPipe } from '../http/validation.pipe';
import { CreateArticleDto } from './dto/create-article.dto';

/** POST /articles takes JSON (validated like every DTO) or the raw story as text/plain. */
@Injectable()
export class CreateArticleBodyPipe implements PipeTransform<unknown, Promise<CreateArticleDto | string>> {
  private readonly json = new StrictValidationPipe();

  async transform(value: unknown): Promise<CreateArticleDto | string> {
    if (typeof value !== 'string') {
      return (await this.json.transform(value, { type: 'body', metatype: CreateArticleDto })) as CreateArticleDto;
    }
    if (value.trim() === '') throw invalid([{ field: 'body', message: 'the story text must not be empty' }]);
    if (!isStorableText(value))
      throw invalid([{ field: 'body', message: 'the story text must be well-formed Unicode without NUL characters' }]);
    return value;
  }
}

export function createCommandOf(body: CreateArticleDto | string): CreateArticle {
  if (typeof body === 'string') return { type: 'CreateArticle', body };
  return {
    type: 'CreateArticle',
    body: body.body,
    headline: body.headline ?? null,
    byline: body.byline ?? null,
    dateline: body.dateline ?? null,
    categories: body.categories?.map(({ label, code }) => (code === undefined ? { label } : { label, code })),
  };
}
