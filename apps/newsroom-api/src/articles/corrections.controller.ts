import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PAGE_SIZE, PageQueryDto } from './dto/read-queries.dto';
import { CorrectionsFeed } from './queries/corrections-feed';

@ApiTags('reads')
@ApiBearerAuth()
@Controller('corrections')
export class CorrectionsController {
  constructor(private readonly feed: CorrectionsFeed) {}

  @Get()
  @ApiOperation({ summary: 'The public corrections feed across articles, newest first' })
  list(@Query() query: PageQueryDto) {
    return this.feed.page(query.limit ?? PAGE_SIZE, query.cursor);
  }
}
