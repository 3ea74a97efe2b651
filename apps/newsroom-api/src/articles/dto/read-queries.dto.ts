import { ApiPropertyOptional, ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsRFC3339, Max, Min } from 'class-validator';
import { Text } from '../../http/text.validators';

export class PageQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @ApiPropertyOptional({ description: 'Opaque; from the previous page’s nextCursor.' })
  @IsOptional()
  @Text(500)
  cursor?: string;
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
  @Type(() => Number)
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
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  from!: number;

  @ApiProperty({ minimum: 1, example: 4 })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  to!: number;
}
