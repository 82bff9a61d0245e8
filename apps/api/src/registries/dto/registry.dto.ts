import { ApiProperty, ApiPropertyOptional, PartialType, PickType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
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
  ValidateIf,
} from 'class-validator';
import { UNIT_CATEGORIES, type UnitCategory } from '@app/domain';
import { PageQuery } from '../../common/paging.js';
import { toBoolean } from '../../common/query.js';
import { CODE_MESSAGE, CODE_PATTERN } from '../../areas/dto/area.dto.js';

export class RegistryQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Commune code' })
  @IsOptional()
  @IsString()
  commune?: string;

  @ApiPropertyOptional({ description: 'Text in the name or code; accents optional' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  q?: string;

  @ApiPropertyOptional({ description: 'Only subjects active during this year' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;

  @ApiPropertyOptional({ description: 'Include deactivated subjects' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  includeInactive?: boolean;
}

export class HouseholdQuery extends RegistryQuery {
  @ApiPropertyOptional({ description: 'Hamlet code' })
  @IsOptional()
  @IsString()
  hamlet?: string;

  @ApiPropertyOptional({ description: 'Clan code' })
  @IsOptional()
  @IsString()
  clan?: string;
}

export class UnitQuery extends RegistryQuery {
  @ApiPropertyOptional({ enum: UNIT_CATEGORIES })
  @IsOptional()
  @IsIn(UNIT_CATEGORIES)
  category?: UnitCategory;
}

class SubjectBase {
  @ApiProperty({ example: 'HT-PB-0001' })
  @Matches(CODE_PATTERN, { message: `code ${CODE_MESSAGE}` })
  code: string;

  @ApiPropertyOptional({ example: '2016-01-01', description: 'First day active (default: today)' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'activeFrom phải là ngày dạng YYYY-MM-DD' })
  activeFrom?: string;
}

export class CreateHouseholdDto extends SubjectBase {
  @ApiProperty({ example: 'Nguyễn Văn An' })
  @IsString()
  @Length(1, 200, { message: 'headName: cần họ tên chủ hộ (tối đa 200 ký tự)' })
  headName: string;

  @ApiProperty({ description: 'Hamlet (thôn, tổ dân phố) code' })
  @IsString()
  hamletCode: string;

  @ApiPropertyOptional({ description: 'Clan code', nullable: true })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsString()
  clanCode?: string | null;

  @ApiProperty({ minimum: 1, maximum: 99 })
  @IsInt({ message: 'members phải là số nguyên' })
  @Min(1, { message: 'members phải từ 1' })
  @Max(99, { message: 'members tối đa 99' })
  members: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(0, 300)
  address?: string;
}

export class UpdateHouseholdDto extends PartialType(
  PickType(CreateHouseholdDto, [
    'headName',
    'hamletCode',
    'clanCode',
    'members',
    'address',
  ] as const),
) {}

export class CreateClanDto extends SubjectBase {
  @ApiProperty({ example: 'Họ Nguyễn Văn (chi 2)' })
  @IsString()
  @Length(1, 200, { message: 'name: cần tên dòng họ (tối đa 200 ký tự)' })
  name: string;

  @ApiProperty({ description: 'Commune code' })
  @IsString()
  communeCode: string;

  @ApiPropertyOptional({ example: 'Nguyễn Văn Bình' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  headName?: string;
}

export class UpdateClanDto extends PartialType(
  PickType(CreateClanDto, ['name', 'headName'] as const),
) {}

export class CreateUnitDto extends SubjectBase {
  @ApiProperty({ example: 'Trường Tiểu học Phú Bài' })
  @IsString()
  @Length(1, 200, { message: 'name: cần tên đơn vị (tối đa 200 ký tự)' })
  name: string;

  @ApiProperty({ description: 'Commune code' })
  @IsString()
  communeCode: string;

  @ApiProperty({ enum: UNIT_CATEGORIES })
  @IsIn(UNIT_CATEGORIES, { message: `category phải là một trong: ${UNIT_CATEGORIES.join(', ')}` })
  category: UnitCategory;

  @ApiPropertyOptional({ description: 'Head of the unit' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  headName?: string;
}

export class UpdateUnitDto extends PartialType(
  PickType(CreateUnitDto, ['name', 'category', 'headName'] as const),
) {}

export class DeactivateDto {
  @ApiProperty({ example: '2021-03-15', description: 'First day no longer active' })
  @IsISO8601({ strict: true }, { message: 'on phải là ngày dạng YYYY-MM-DD' })
  on: string;

  @ApiProperty({ example: 'Chuyển đi nơi khác' })
  @IsString()
  @Length(1, 500, { message: 'reason: cần lý do (tối đa 500 ký tự)' })
  reason: string;
}
