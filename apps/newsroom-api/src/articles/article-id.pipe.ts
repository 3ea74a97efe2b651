import { Injectable, ParseUUIDPipe, type PipeTransform } from '@nestjs/common';

const UUID = new ParseUUIDPipe({ version: '4' });

/** An article id: a UUID (400 otherwise), in the lower case the streams are named with. */
@Injectable()
export class ArticleIdPipe implements PipeTransform<string, Promise<string>> {
  async transform(value: string): Promise<string> {
    return String(await UUID.transform(value, { type: 'param' })).toLowerCase();
  }
}
