import { Injectable, type PipeTransform } from '@nestjs/common';
import { invalid } from '../http/validation.pipe';

/**
 * Any UUID (RFC 9562's 8-4-4-4-12 hex form), whatever its version: API.md keeps 400 for ids that
 * are not UUIDs, and a UUID the server never handed out (v1, v7, nil) is an unknown article, 404.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An article id: a UUID (400 otherwise), in the lower case the streams are named with. */
@Injectable()
export class ArticleIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    // The same validation problem as every other bad parameter, with errors[] naming the id.
    if (!UUID.test(value)) throw invalid([{ field: 'id', message: 'id must be a UUID' }]);
    return value.toLowerCase();
  }
}
