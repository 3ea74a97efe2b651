import type { INestApplication } from '@nestjs/common';
import { SwaggerModule } from '@nestjs/swagger';
import { openApiDocument } from '../contract/openapi-document';

/**
 * Swagger UI at /docs and the OpenAPI 3.1 document at /docs-json: the contract's own schemas,
 * the ones every request is validated with.
 */
export function mountOpenApi(app: INestApplication): void {
  SwaggerModule.setup('docs', app, openApiDocument() as never, { jsonDocumentUrl: 'docs-json' });
}
