import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { NOTICE_KINDS, type NoticeKind } from '@newsroom/articles';
import { Text } from '../../http/text.validators';

/** Body of attribution fixes and text corrections. */
export class FindReplaceDto {
  @ApiProperty({
    example: "Citizen Free Press's Matthew Chance",
    description: 'Text to replace. Straight and typographic quotes match each other.',
    maxLength: 10000,
  })
  @Text(10_000)
  find!: string;

  @ApiProperty({ example: "CNN's Matthew Chance", description: 'Stored exactly as typed; may be empty.', maxLength: 10000 })
  @Text(10_000, { allowEmpty: true })
  replace!: string;

  @ApiProperty({ example: 'The question came from CNN’s correspondent', maxLength: 2000 })
  @Text(2000)
  reason!: string;

  @ApiPropertyOptional({ example: 'b12', description: 'Only look in this block.' })
  @IsOptional()
  @Text(50)
  blockId?: string;

  @ApiPropertyOptional({ example: 1, minimum: 1, description: 'Which match (1-based) when `find` occurs several times.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  occurrence?: number;

  @ApiPropertyOptional({
    example:
      'An earlier version of this article misattributed a question to Citizen Free Press; it was asked by CNN’s Matthew Chance.',
    description: 'A public correction notice appended in the same event.',
    maxLength: 5000,
  })
  @IsOptional()
  @Text(5000)
  notice?: string;

  @ApiPropertyOptional({ enum: NOTICE_KINDS, default: 'correction' })
  @IsOptional()
  @IsIn(NOTICE_KINDS)
  noticeKind?: NoticeKind;
}
