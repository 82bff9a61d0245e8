import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { AREA_LEVELS, type AreaLevel } from '@app/domain';

export const CODE_PATTERN = /^[A-Za-z0-9_.-]{1,64}$/;
export const CODE_MESSAGE = 'chỉ gồm chữ không dấu, số, dấu gạch và dấu chấm (tối đa 64 ký tự)';

export class AreaQuery {
  @ApiPropertyOptional({ enum: AREA_LEVELS })
  @IsOptional()
  @IsIn(AREA_LEVELS)
  level?: AreaLevel;

  @ApiPropertyOptional({ description: 'Code of the parent area' })
  @IsOptional()
  @IsString()
  parent?: string;

  @ApiPropertyOptional({
    description: 'Areas in force at the end of this year, under the parent they had then',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1945)
  @Max(2100)
  year?: number;

  @ApiPropertyOptional({ description: 'Name contains (accents optional)' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  q?: string;
}

export class PredecessorDto {
  @ApiProperty()
  @Matches(CODE_PATTERN, { message: `code ${CODE_MESSAGE}` })
  code: string;

  @ApiProperty({ enum: ['merger', 'split', 'rename', 'upgrade'] })
  @IsIn(['merger', 'split', 'rename', 'upgrade'])
  change: 'merger' | 'split' | 'rename' | 'upgrade';

  @ApiPropertyOptional({
    description:
      'End the predecessor the day before validFrom (default true for mergers and renames)',
  })
  @IsOptional()
  @IsBoolean()
  ends?: boolean;
}

export class CreateAreaDto {
  @ApiProperty({ example: 'HT_PHU_BAI_TDP1' })
  @Matches(CODE_PATTERN, { message: `code ${CODE_MESSAGE}` })
  code: string;

  @ApiProperty({ example: 'Tổ dân phố 1' })
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiProperty({ enum: AREA_LEVELS })
  @IsIn(AREA_LEVELS, { message: `level phải là một trong: ${AREA_LEVELS.join(', ')}` })
  level: AreaLevel;

  @ApiProperty({ example: 'tổ dân phố', description: 'xã, phường, thị trấn, thôn, tổ dân phố…' })
  @IsString()
  @Length(1, 50)
  typeLabel: string;

  @ApiPropertyOptional({ description: 'Code of the parent area (required below province)' })
  @IsOptional()
  @Matches(CODE_PATTERN, { message: `parentCode ${CODE_MESSAGE}` })
  parentCode?: string;

  @ApiPropertyOptional({ description: 'Mountainous or difficult area' })
  @IsOptional()
  @IsBoolean()
  difficult?: boolean;

  @ApiProperty({ example: '2010-01-01' })
  @IsISO8601({ strict: true }, { message: 'validFrom phải là ngày dạng YYYY-MM-DD' })
  validFrom: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'validTo phải là ngày dạng YYYY-MM-DD' })
  validTo?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(0, 1000)
  note?: string;

  @ApiPropertyOptional({
    type: [PredecessorDto],
    description: 'Areas this one succeeds (merger, split…)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => PredecessorDto)
  predecessors?: PredecessorDto[];
}

export class TransferAreaDto {
  @ApiProperty({ description: 'Code of the new parent area' })
  @Matches(CODE_PATTERN, { message: `parentCode ${CODE_MESSAGE}` })
  parentCode: string;

  @ApiProperty({ example: '2021-07-01', description: 'First day under the new parent' })
  @IsISO8601({ strict: true }, { message: 'effectiveOn phải là ngày dạng YYYY-MM-DD' })
  effectiveOn: string;

  @ApiPropertyOptional({ example: 'Nghị quyết điều chỉnh địa giới' })
  @IsOptional()
  @IsString()
  @Length(0, 1000)
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
