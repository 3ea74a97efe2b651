import { Controller, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { PAGE_SIZE } from '../contract/read-operations';
import type { QueryOf } from '../contract/typed-input';
import { ATOM_MEDIA_TYPE, correctionsAtom } from '../feeds/corrections-atom';
import { feedOrigin } from '../feeds/feed-origin';
import { Valid } from '../http/contract.guard';
import { negotiate } from '../http/negotiation';
import { Route } from '../http/route.decorator';
import { type CorrectionEntry, CorrectionsFeed } from './queries/corrections-feed';
import type { Page } from './queries/article-history';

type CorrectionsQuery = QueryOf<'listCorrections'>;

/** The public corrections feed: JSON pages, or Atom for feed readers (by Accept, or at /corrections.atom). */
@Controller()
export class CorrectionsController {
  constructor(private readonly feed: CorrectionsFeed) {}

  @Route('listCorrections')
  async list(
    @Valid('query') query: CorrectionsQuery,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<Page<CorrectionEntry> | string> {
    response.vary('Accept');
    const mediaType = negotiate(request, ['application/json', ATOM_MEDIA_TYPE]);
    const page = await this.page(query);
    return mediaType === ATOM_MEDIA_TYPE ? this.atom(page, request, response) : page;
  }

  /** The same feed at a path of its own, for readers that cannot set Accept: the path names the format. */
  @Route('getCorrectionsAtom')
  async atomFeed(
    @Valid('query') query: QueryOf<'getCorrectionsAtom'>,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<string> {
    return this.atom(await this.page(query), request, response);
  }

  private page(query: CorrectionsQuery): Promise<Page<CorrectionEntry>> {
    return this.feed.page(query.limit ?? PAGE_SIZE, query.cursor);
  }

  private atom(page: Page<CorrectionEntry>, request: Request, response: Response): string {
    response.type(ATOM_MEDIA_TYPE);
    const query = request.originalUrl.split('?')[1];
    return correctionsAtom(page.items, { origin: feedOrigin(request), query });
  }
}
