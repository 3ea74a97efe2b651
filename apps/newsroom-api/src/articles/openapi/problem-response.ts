import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { ProblemView } from './article.schema';

/**
 * A documented error answer. `type: ProblemView` alone would be listed as application/json,
 * but every error goes out as application/problem+json (RFC 9457): clients generated from the
 * document must be told the media type the server really sends.
 */
export function ProblemResponse(status: number, description?: string) {
  return applyDecorators(
    ApiExtraModels(ProblemView),
    ApiResponse({
      status,
      description: description ?? 'A problem (RFC 9457)',
      content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemView) } } },
    }),
  );
}
