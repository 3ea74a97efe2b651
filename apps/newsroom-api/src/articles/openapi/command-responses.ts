import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { ArticleView } from './article.schema';
import { ProblemResponse } from './problem-response';

const PROBLEMS: Array<[number, string]> = [
  [400, 'Malformed JSON, missing, ill-typed or unknown fields, a malformed id or header'],
  [401, 'No token, or an invalid or expired one'],
  [403, 'The role may not do this (a reporter editing a published article, …)'],
  [404, 'Unknown article, or a revision beyond the latest'],
  [409, 'A revert conflicts with later changes (the body names them)'],
  [412, 'If-Match does not name the current revision; nothing was appended'],
  [413, 'Body over 1 MiB'],
  [415, 'Content type not taken by this endpoint'],
  [422, 'Text not found or ambiguous, publish without a headline, a reused Idempotency-Key, restore to the current content, …'],
  [429, 'Rate limit exceeded (see Retry-After)'],
  [503, 'The database is unreachable'],
];

/** The answers every command may give, for the OpenAPI document. */
export function CommandResponses(success: 200 | 201 = 200) {
  return applyDecorators(
    ApiResponse({
      status: success,
      type: ArticleView,
      description:
        success === 201
          ? 'Created: the article at revision 1; Location names it'
          : 'The article at its new revision, or unchanged (no event) when the command would change nothing',
    }),
    ...PROBLEMS.map(([status, description]) => ProblemResponse(status, description)),
  );
}
