import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { Text } from '../../http/text.validators';

/** Body of commands where a reason is welcome but optional (publish, remove a category). */
export class OptionalReasonDto {
  @ApiPropertyOptional({ example: 'Ready for the front page', maxLength: 2000 })
  @IsOptional()
  @Text(2000)
  reason?: string;
}

/** Body of commands that must say why (withdraw). */
export class ReasonDto {
  @ApiProperty({ example: 'Legal review pending', maxLength: 2000 })
  @Text(2000)
  reason!: string;
}

export class HeadlineDto {
  @ApiProperty({ example: 'Biden and Putin end Geneva summit after four hours', maxLength: 1000 })
  @Text(1000)
  headline!: string;

  @ApiProperty({ example: 'Add a headline before publication', maxLength: 2000 })
  @Text(2000)
  reason!: string;
}

/** Restore to, or revert, one revision. */
export class RevisionReasonDto {
  @ApiProperty({ example: 2, minimum: 1 })
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  revision!: number;

  @ApiProperty({ example: 'The later edits introduced an error', maxLength: 2000 })
  @Text(2000)
  reason!: string;
}
