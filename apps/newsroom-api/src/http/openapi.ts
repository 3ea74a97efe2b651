import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

/** Swagger UI at /docs and the OpenAPI 3 document at /docs-json, built from the DTOs. */
export function mountOpenApi(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('Newsroom editing API')
    .setDescription(
      [
        'Every edit is a command that appends exactly one event; reads are projections of the event log.',
        'Errors are RFC 9457 problem+json. Commands answer with the article at its new revision and its ETag;',
        '`If-Match` makes a command conditional (412), `Idempotency-Key` makes it safe to retry',
        '(the first answer is replayed with `Idempotent-Replayed: true`; another request under the same key gets 422).',
        'Keys are scoped per actor; only successful answers are kept (a refused command appended nothing and may be retried).',
        'A command that would change nothing (adding a category already there, removing one that is not,',
        'publishing a published article, setting the same headline) appends nothing and answers 200 with the article unchanged.',
        'A known path called with a method it does not take answers 405 with an `Allow` header (OPTIONS answers 204 with `Allow`).',
        'A request without a valid token gets 401 (and one without the role 403) before its body is read.',
      ].join(' '),
    )
    .setVersion('1.0')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'HS256, claims: sub, name?, roles[]' })
    .build();
  const document = SwaggerModule.createDocument(app, config);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
}
