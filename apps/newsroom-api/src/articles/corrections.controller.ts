import { Controller } from '@nestjs/common';
import { PAGE_SIZE } from '../contract/read-operations';
import type { QueryOf } from '../contract/typed-input';
import { Valid } from '../http/contract.guard';
import { Route } from '../http/route.decorator';
import { CorrectionsFeed } from './queries/corrections-feed';

@Controller()
export class CorrectionsController {
  constructor(private readonly feed: CorrectionsFeed) {}

  @Route('listCorrections')
  list(@Valid('query') query: QueryOf<'listCorrections'>) {
    return this.feed.page(query.limit ?? PAGE_SIZE, query.cursor);
  }
}
