import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { NOTICE_KINDS } from '@newsroom/articles';

/** OpenAPI shapes of what the API returns; the domain types stay free of decorators. */

export class BlockView {
  @ApiProperty({ example: 'b12' }) id!: string;
  @ApiProperty({ enum: ['paragraph', 'subheading'] }) type!: string;
  @ApiProperty({ example: 'Putin said in response to a question from CNN’s Matthew Chance.' }) text!: string;
}

export class CategoryView {
  @ApiProperty({ example: 'diplomacy' }) slug!: string;
  @ApiProperty({ example: 'Diplomacy' }) label!: string;
  @ApiPropertyOptional({ example: 'medtop:20000639' }) code?: string;
}

export class CorrectionView {
  @ApiProperty({ example: 4 }) revision!: number;
  @ApiProperty({ enum: NOTICE_KINDS }) kind!: string;
  @ApiProperty({ format: 'date-time' }) recordedAt!: string;
  @ApiProperty({ example: 'An earlier version of this article misattributed a question to Citizen Free Press.' }) text!: string;
}

export class ArticleView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 4, description: 'Also sent as the ETag, quoted.' }) revision!: number;
  @ApiProperty({ enum: ['draft', 'published', 'withdrawn'] }) status!: string;
  @ApiProperty({ nullable: true, type: String }) headline!: string | null;
  @ApiProperty({ nullable: true, type: String }) byline!: string | null;
  @ApiProperty({ nullable: true, type: String }) dateline!: string | null;
  @ApiProperty({ type: [BlockView] }) blocks!: BlockView[];
  @ApiProperty({ type: [CategoryView] }) categories!: CategoryView[];
  @ApiProperty({ type: [CorrectionView] }) corrections!: CorrectionView[];
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) publishedAt!: string | null;
}

export class FieldErrorView {
  @ApiProperty({ example: 'reason' }) field!: string;
  @ApiProperty({ example: 'reason must not be blank' }) message!: string;
}

export class ProblemView {
  @ApiProperty({ example: '/problems/text-not-found' }) type!: string;
  @ApiProperty({ example: 'Text not found' }) title!: string;
  @ApiProperty({ example: 422 }) status!: number;
  @ApiProperty({ example: '“La Casa officials” does not occur in the article.' }) detail!: string;
  @ApiPropertyOptional({ type: [FieldErrorView] }) errors?: FieldErrorView[];
}
