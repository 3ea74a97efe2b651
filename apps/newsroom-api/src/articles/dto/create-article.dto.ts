import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsOptional, ValidateNested } from 'class-validator';
import { Text } from '../../http/text.validators';
import { CategoryInputDto } from './category.dto';

export const SAMPLE_OPENING =
  'The summit between US President Joe Biden and Russian President Vladimir Putin ended on Wednesday after more than four hours of meeting in Geneva, Switzerland.';

export class CreateArticleDto {
  @ApiPropertyOptional({ nullable: true, example: 'Biden and Putin end Geneva summit after four hours', maxLength: 1000 })
  @IsOptional()
  @Text(1000)
  headline?: string | null;

  @ApiPropertyOptional({ nullable: true, example: 'By Newsroom staff', maxLength: 500 })
  @IsOptional()
  @Text(500)
  byline?: string | null;

  @ApiPropertyOptional({ nullable: true, example: 'GENEVA', maxLength: 500 })
  @IsOptional()
  @Text(500)
  dateline?: string | null;

  @ApiProperty({
    description:
      'The story as text: blocks split on blank lines; a one-line block without closing punctuation followed by more text is a subheading (the first such block is the headline when no headline is given); a last block `Categorized in: A, B` becomes categories.',
    example: `${SAMPLE_OPENING}\n\nSummit progress: Cybersecurity and diplomacy\n\nMeanwhile, Putin said that the US and Russian ambassadors will return to their diplomatic posts.\n\nCategorized in: Diplomacy`,
  })
  @Text(1_000_000)
  body!: string;

  @ApiPropertyOptional({ type: [CategoryInputDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => CategoryInputDto)
  categories?: CategoryInputDto[];
}
