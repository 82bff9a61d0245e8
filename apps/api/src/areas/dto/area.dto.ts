import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, ValidateNested } from 'class-validator';
import { AREA_LEVELS, type AreaLevel } from '@app/domain';
import { IsCode, IsDateOnly, IsIntegerIn, IsVisibleText, Optional } from '../../common/rules.js';

export class AreaQuery {
  @ApiPropertyOptional({ enum: AREA_LEVELS })
  @Optional()
  @IsIn(AREA_LEVELS)
  level?: AreaLevel;

  @ApiPropertyOptional({ description: 'Code of the parent area' })
  @Optional()
  @IsCode()
  parent?: string;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1945,
    maximum: 2100,
    description: 'Areas in force at the end of this year, under the parent they had then',
  })
  @Optional()
  @IsIntegerIn(1945, 2100, 'số năm')
  year?: number;

  @ApiPropertyOptional({ description: 'Name contains (accents optional)' })
  @Optional()
  @IsVisibleText({ max: 100, what: 'chữ cần tìm' })
  q?: string;
}

export class PredecessorDto {
  @ApiProperty()
  @IsCode()
  code: string;

  @ApiProperty({ enum: ['merger', 'split', 'rename', 'upgrade'] })
  @IsIn(['merger', 'split', 'rename', 'upgrade'])
  change: 'merger' | 'split' | 'rename' | 'upgrade';

  @ApiPropertyOptional({
    description:
      'End the predecessor the day before validFrom (default true for mergers and renames)',
  })
  @Optional()
  @IsBoolean()
  ends?: boolean;
}

export class CreateAreaDto {
  @ApiProperty({ example: 'HT_PHU_BAI_TDP1' })
  @IsCode()
  code: string;

  @ApiProperty({ example: 'Tổ dân phố 1' })
  @IsVisibleText({ max: 200, what: 'tên địa bàn' })
  name: string;

  @ApiProperty({ enum: AREA_LEVELS })
  @IsIn(AREA_LEVELS, { message: `level phải là một trong: ${AREA_LEVELS.join(', ')}` })
  level: AreaLevel;

  @ApiProperty({ example: 'tổ dân phố', description: 'xã, phường, thị trấn, thôn, tổ dân phố…' })
  @IsVisibleText({ max: 50, what: 'loại địa bàn' })
  typeLabel: string;

  @ApiPropertyOptional({ description: 'Code of the parent area (required below province)' })
  @Optional()
  @IsCode()
  parentCode?: string;

  @ApiPropertyOptional({ description: 'Mountainous or difficult area' })
  @Optional()
  @IsBoolean()
  difficult?: boolean;

  @ApiProperty({ example: '2010-01-01', format: 'date' })
  @IsDateOnly()
  validFrom: string;

  @ApiPropertyOptional({ format: 'date' })
  @Optional()
  @IsDateOnly()
  validTo?: string;

  @ApiPropertyOptional()
  @Optional()
  @IsVisibleText({ max: 1000, multiline: true, what: 'ghi chú' })
  note?: string;

  @ApiPropertyOptional({
    type: [PredecessorDto],
    description: 'Areas this one succeeds (merger, split…)',
  })
  @Optional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => PredecessorDto)
  predecessors?: PredecessorDto[];
}

export class TransferAreaDto {
  @ApiProperty({ description: 'Code of the new parent area' })
  @IsCode()
  parentCode: string;

  @ApiProperty({
    example: '2021-07-01',
    format: 'date',
    description: 'First day under the new parent',
  })
  @IsDateOnly()
  effectiveOn: string;

  @ApiPropertyOptional({ example: 'Nghị quyết điều chỉnh địa giới' })
  @Optional()
  @IsVisibleText({ max: 1000, multiline: true, what: 'ghi chú' })
  note?: string;
}

export interface AreaLinkView {
  code: string;
  change: string;
  effectiveOn: string;
}

export interface AreaView {
  code: string;
  name: string;
  level: AreaLevel;
  typeLabel: string;
  difficult: boolean;
  validFrom: string;
  validTo: string | null;
  note: string | null;
  parentCode: string | null;
}

export interface AreaDetailView extends AreaView {
  ancestors: { code: string; name: string; level: AreaLevel }[];
  parents: { parentCode: string; validFrom: string; validTo: string | null; note: string | null }[];
  predecessors: AreaLinkView[];
  successors: AreaLinkView[];
}
