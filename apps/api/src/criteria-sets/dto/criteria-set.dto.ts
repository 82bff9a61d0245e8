import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  DEPENDENCY_RULE_TYPES,
  MAX_POINTS,
  MODEL_KINDS,
  type DependencyRuleType,
  type ModelKind,
} from '@app/domain';
import {
  IsCode,
  IsIntegerIn,
  IsPercent,
  IsPoints,
  IsVisibleText,
  Optional,
  OptionalNullable,
} from '../../common/rules.js';
import { MAX_YEAR, MIN_YEAR } from '../../common/year.js';

/** Criterion and indicator codes head the columns of the forms and workbooks: short codes. */
const CRITERION_CODE_LENGTH = 20;

export class CriteriaSetQuery {
  @ApiPropertyOptional({ enum: MODEL_KINDS })
  @Optional()
  @IsIn(MODEL_KINDS, { message: `kind phải là một trong: ${MODEL_KINDS.join(', ')}` })
  kind?: ModelKind;

  @ApiPropertyOptional({ type: 'integer', example: 2020 })
  @Optional()
  @IsIntegerIn(MIN_YEAR, MAX_YEAR, 'số năm')
  year?: number;

  @ApiPropertyOptional({
    description: 'Area code: only sets that apply to it (with year: the one in force first)',
  })
  @Optional()
  @IsCode()
  area?: string;
}

export class IndicatorDto {
  @ApiProperty({ example: '1a' })
  @IsCode(CRITERION_CODE_LENGTH)
  code: string;

  @ApiProperty()
  @IsVisibleText({ max: 500, what: 'tên chỉ số' })
  title: string;

  @ApiPropertyOptional({ type: 'number', minimum: 0, maximum: MAX_POINTS, nullable: true })
  @OptionalNullable()
  @IsPoints()
  maxPoints?: number | null;
}

export class CriterionDto {
  @ApiProperty({ example: '1' })
  @IsCode(CRITERION_CODE_LENGTH)
  code: string;

  @ApiProperty()
  @IsVisibleText({ max: 500, what: 'tên tiêu chí' })
  title: string;

  @ApiProperty({ type: 'number', minimum: 0, maximum: MAX_POINTS, example: 30 })
  @IsPoints()
  maxPoints: number;

  @ApiPropertyOptional({
    type: 'number',
    minimum: 0,
    maximum: MAX_POINTS,
    nullable: true,
    example: 15,
  })
  @OptionalNullable()
  @IsPoints()
  minPoints?: number | null;

  @ApiPropertyOptional({ type: [IndicatorDto] })
  @Optional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => IndicatorDto)
  indicators?: IndicatorDto[];
}

export class DependencyRuleDto {
  @ApiProperty({ enum: DEPENDENCY_RULE_TYPES })
  @IsIn(DEPENDENCY_RULE_TYPES)
  type: DependencyRuleType;

  @ApiProperty({
    type: 'number',
    minimum: 0,
    maximum: 100,
    example: 50,
    description: 'Minimum share in percent',
  })
  @IsPercent()
  minShare: number;
}

export class CreateCriteriaSetDto {
  @ApiProperty({ example: 'TT_HUE_2021_FAMILY' })
  @IsCode()
  code: string;

  @ApiProperty({ enum: MODEL_KINDS })
  @IsIn(MODEL_KINDS, { message: `kind phải là một trong: ${MODEL_KINDS.join(', ')}` })
  kind: ModelKind;

  @ApiProperty()
  @IsVisibleText({ max: 300, what: 'tên bộ tiêu chí' })
  name: string;

  @ApiPropertyOptional({ description: 'The document it comes from, and what is localised' })
  @Optional()
  @IsVisibleText({ max: 2000, multiline: true, what: 'nguồn' })
  sourceNote?: string;

  @ApiPropertyOptional({ default: true })
  @Optional()
  @IsBoolean()
  localisable?: boolean;

  @ApiPropertyOptional({ description: 'Area code it applies to; national when absent' })
  @Optional()
  @IsCode()
  scopeAreaCode?: string;

  @ApiProperty({ type: 'integer', example: 2021 })
  @IsInt()
  @Min(MIN_YEAR)
  @Max(MAX_YEAR)
  fromYear: number;

  @ApiPropertyOptional({ type: 'integer', example: 2025, nullable: true })
  @OptionalNullable()
  @IsInt()
  @Min(MIN_YEAR)
  @Max(MAX_YEAR)
  toYear?: number | null;

  @ApiProperty({ type: 'number', minimum: 0, maximum: MAX_POINTS, example: 80 })
  @IsPoints()
  passThreshold: number;

  @ApiProperty({ type: [CriterionDto] })
  @IsArray()
  @ArrayMinSize(1, { message: 'criteria: cần ít nhất một tiêu chí' })
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => CriterionDto)
  criteria: CriterionDto[];

  @ApiPropertyOptional({ type: [DependencyRuleDto] })
  @Optional()
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => DependencyRuleDto)
  dependencyRules?: DependencyRuleDto[];
}
