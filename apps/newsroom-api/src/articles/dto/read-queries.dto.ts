import { ApiPropertyOptional, ApiProperty } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsRFC3339, Max, Min } from 'class-validator';
import { Text } from '../../http/text.validators';
import { WholeNumber } from '../../http/whole-number.transform';

/** Items on a page of articles or corrections when no ?limit is given. */
export const PAGE_SIZE = 20;
/** A revision history is read whole more often than not: most fit on one page of 50. */
export const HISTORY_PAGE_SIZE = 50;

export class PageQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: PAGE_SIZE })
  @IsOptional()
  @WholeNumber()
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @ApiPropertyOptional({ description: 'Opaque; from the previous page’s nextCursor.' })
  @IsOptional()
  @Text(500)
  cursor?: string;
}

/** The revision history's page: the same checks, and the default the OpenAPI document states. */
export class HistoryPageQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: HISTORY_PAGE_SIZE })
  declare limit?: number;
}

export class ListArticlesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['draft', 'published', 'withdrawn'] })
  @IsOptional()
  @IsIn(['draft', 'published', 'withdrawn'])
  status?: 'draft' | 'published' | 'withdrawn';

  @ApiPropertyOptional({ description: 'A category slug', example: 'diplomacy' })
  @IsOptional()
  @Text(200)
  category?: string;
}

export class ArticleAtQueryDto {
  @ApiPropertyOptional({ minimum: 1, description: 'The article as it was at this revision.' })
  @IsOptional()
  @WholeNumber()
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  revision?: number;

  @ApiPropertyOptional({ format: 'date-time', description: 'The article as it was at this time (ISO 8601).' })
  @IsOptional()
  @IsRFC3339()
  asOf?: string;
}

export class DiffQueryDto {
  @ApiProperty({ minimum: 1, example: 3 })
  @WholeNumber()
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  from!: number;

  @ApiProperty({ minimum: 1, example: 4 })
  @WholeNumber()
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  to!: number;
}
