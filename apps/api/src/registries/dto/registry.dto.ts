import { ApiProperty, ApiPropertyOptional, PartialType, PickType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, Max, Min } from 'class-validator';
import { UNIT_CATEGORIES, type UnitCategory } from '@app/domain';
import { PageQuery } from '../../common/paging.js';
import { toBoolean } from '../../common/query.js';
import {
  IsCode,
  IsDateOnly,
  IsIntegerIn,
  IsVisibleText,
  latestStartDate,
  Optional,
  OptionalNullable,
} from '../../common/rules.js';
import { MAX_YEAR, MIN_YEAR } from '../../common/year.js';

export class RegistryQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Commune code' })
  @Optional()
  @IsCode()
  commune?: string;

  @ApiPropertyOptional({ description: 'Text in the name or code; accents optional' })
  @Optional()
  @IsVisibleText({ max: 100, what: 'chữ cần tìm' })
  q?: string;

  @ApiPropertyOptional({ type: 'integer', description: 'Only subjects active during this year' })
  @Optional()
  @IsIntegerIn(MIN_YEAR, MAX_YEAR, 'số năm')
  year?: number;

  @ApiPropertyOptional({ description: 'Include deactivated subjects' })
  @Optional()
  @Transform(toBoolean)
  @IsBoolean()
  includeInactive?: boolean;
}

export class HouseholdQuery extends RegistryQuery {
  @ApiPropertyOptional({ description: 'Hamlet code' })
  @Optional()
  @IsCode()
  hamlet?: string;

  @ApiPropertyOptional({ description: 'Clan code' })
  @Optional()
  @IsCode()
  clan?: string;
}

export class UnitQuery extends RegistryQuery {
  @ApiPropertyOptional({ enum: UNIT_CATEGORIES })
  @Optional()
  @IsIn(UNIT_CATEGORIES)
  category?: UnitCategory;
}

class SubjectBase {
  @ApiProperty({ example: 'HT-PB-0001' })
  @IsCode()
  code: string;

  @ApiPropertyOptional({
    example: '2016-01-01',
    format: 'date',
    description: 'First day active (default: today); at the latest the end of next year',
  })
  @Optional()
  @IsDateOnly({ latest: latestStartDate })
  activeFrom?: string;
}

export class CreateHouseholdDto extends SubjectBase {
  @ApiProperty({ example: 'Nguyễn Văn An' })
  @IsVisibleText({ max: 200, what: 'họ tên chủ hộ' })
  headName: string;

  @ApiProperty({ description: 'Hamlet (thôn, tổ dân phố) code' })
  @IsCode()
  hamletCode: string;

  @ApiPropertyOptional({ type: String, description: 'Clan code', nullable: true })
  @OptionalNullable()
  @IsCode()
  clanCode?: string | null;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: 99 })
  @IsInt({ message: 'members phải là số nguyên' })
  @Min(1, { message: 'members phải từ 1' })
  @Max(99, { message: 'members tối đa 99' })
  members: number;

  @ApiPropertyOptional()
  @Optional()
  @IsVisibleText({ max: 300, what: 'địa chỉ' })
  address?: string;
}

// Left out, a field keeps its value; null would clear a required one, so only clanCode takes it.
const PATCH = { skipNullProperties: false };

export class UpdateHouseholdDto extends PartialType(
  PickType(CreateHouseholdDto, [
    'headName',
    'hamletCode',
    'clanCode',
    'members',
    'address',
  ] as const),
  PATCH,
) {}

export class CreateClanDto extends SubjectBase {
  @ApiProperty({ example: 'Họ Nguyễn Văn (chi 2)' })
  @IsVisibleText({ max: 200, what: 'tên dòng họ' })
  name: string;

  @ApiProperty({ description: 'Commune code' })
  @IsCode()
  communeCode: string;

  @ApiPropertyOptional({ example: 'Nguyễn Văn Bình' })
  @Optional()
  @IsVisibleText({ max: 200, what: 'họ tên trưởng họ' })
  headName?: string;
}

export class UpdateClanDto extends PartialType(
  PickType(CreateClanDto, ['name', 'headName'] as const),
  PATCH,
) {}

export class CreateUnitDto extends SubjectBase {
  @ApiProperty({ example: 'Trường Tiểu học Phú Bài' })
  @IsVisibleText({ max: 200, what: 'tên đơn vị' })
  name: string;

  @ApiProperty({ description: 'Commune code' })
  @IsCode()
  communeCode: string;

  @ApiProperty({ enum: UNIT_CATEGORIES })
  @IsIn(UNIT_CATEGORIES, { message: `category phải là một trong: ${UNIT_CATEGORIES.join(', ')}` })
  category: UnitCategory;

  @ApiPropertyOptional({ description: 'Head of the unit' })
  @Optional()
  @IsVisibleText({ max: 200, what: 'họ tên thủ trưởng' })
  headName?: string;
}

export class UpdateUnitDto extends PartialType(
  PickType(CreateUnitDto, ['name', 'category', 'headName'] as const),
  PATCH,
) {}

export class DeactivateDto {
  @ApiProperty({ example: '2021-03-15', format: 'date', description: 'First day no longer active' })
  @IsDateOnly()
  on: string;

  @ApiProperty({ example: 'Chuyển đi nơi khác' })
  @IsVisibleText({ max: 500, multiline: true, what: 'lý do' })
  reason: string;
}

export interface AreaRef {
  code: string;
  name: string;
}

interface ActivePeriod {
  activeFrom: string;
  deactivatedOn: string | null;
  deactivationReason: string | null;
}

export interface HouseholdView extends ActivePeriod {
  code: string;
  headName: string;
  members: number;
  address: string | null;
  hamlet: AreaRef;
  commune: AreaRef | null;
  clan: AreaRef | null;
}

export interface ClanView extends ActivePeriod {
  code: string;
  name: string;
  headName: string | null;
  commune: AreaRef;
  households: number;
}

export interface UnitView extends ActivePeriod {
  code: string;
  name: string;
  category: UnitCategory;
  headName: string | null;
  commune: AreaRef;
}

/** Each registry's requests and answer. */
export interface RegistryDtos {
  households: {
    query: HouseholdQuery;
    create: CreateHouseholdDto;
    update: UpdateHouseholdDto;
    view: HouseholdView;
  };
  clans: { query: RegistryQuery; create: CreateClanDto; update: UpdateClanDto; view: ClanView };
  units: { query: UnitQuery; create: CreateUnitDto; update: UpdateUnitDto; view: UnitView };
}

/** A list request to any registry: the filters only some registries take are left out by others. */
export type RegistryListQuery = RegistryQuery &
  Partial<Pick<HouseholdQuery, 'hamlet' | 'clan'> & Pick<UnitQuery, 'category'>>;
