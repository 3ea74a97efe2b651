import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { Text } from '../../http/text.validators';

export class CategoryInputDto {
  @ApiProperty({ example: 'Diplomacy', maxLength: 200 })
  @Text(200)
  label!: string;

  @ApiPropertyOptional({ example: 'medtop:20000639', description: 'e.g. an IPTC Media Topic code', maxLength: 200 })
  @IsOptional()
  @Text(200)
  code?: string;
}

export class AddCategoryDto extends CategoryInputDto {
  @ApiPropertyOptional({ example: 'The story is about the summit’s diplomacy', maxLength: 2000 })
  @IsOptional()
  @Text(2000)
  reason?: string;
}
