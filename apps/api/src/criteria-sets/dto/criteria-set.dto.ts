import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  DEPENDENCY_RULE_TYPES,
  MODEL_KINDS,
  type DependencyRuleType,
  type ModelKind,
} from '@app/domain';
import { CODE_MESSAGE, CODE_PATTERN } from '../../areas/dto/area.dto.js';

export class CriteriaSetQuery {
  @ApiPropertyOptional({ enum: MODEL_KINDS })
  @IsOptional()
  @IsIn(MODEL_KINDS, { message: `kind phải là một trong: ${MODEL_KINDS.join(', ')}` })
  kind?: ModelKind;

  @ApiPropertyOptional({ example: 2020 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;

  @ApiPropertyOptional({
    description: 'Area code: only sets that apply to it (with year: the one in force first)',
  })
  @IsOptional()
  @IsString()
  area?: string;
}

export class IndicatorDto {
  @ApiProperty({ example: '1a' })
  @IsString()
  @Length(1, 20)
  code: string;

  @ApiProperty()
  @IsString()
  @Length(1, 500)
  title: string;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsNumber({ maxDecimalPlaces: 1 })
  maxPoints?: number | null;
}

export class CriterionDto {
  @ApiProperty({ example: '1' })
  @IsString()
  @Length(1, 20)
  code: string;

  @ApiProperty()
  @IsString()
  @Length(1, 500)
  title: string;

  @ApiProperty({ example: 30 })
  @IsNumber({ maxDecimalPlaces: 1 }, { message: 'maxPoints phải là số' })
  maxPoints: number;

  @ApiPropertyOptional({ nullable: true, example: 15 })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsNumber({ maxDecimalPlaces: 1 }, { message: 'minPoints phải là số' })
  minPoints?: number | null;

  @ApiPropertyOptional({ type: [IndicatorDto] })
  @IsOptional()
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

  @ApiProperty({ example: 50, description: 'Minimum share in percent' })
  @IsNumber({ maxDecimalPlaces: 2 })
  minShare: number;
}

export class CreateCriteriaSetDto {
  @ApiProperty({ example: 'TT_HUE_2021_FAMILY' })
  @Matches(CODE_PATTERN, { message: `code ${CODE_MESSAGE}` })
  code: string;

  @ApiProperty({ enum: MODEL_KINDS })
  @IsIn(MODEL_KINDS, { message: `kind phải là một trong: ${MODEL_KINDS.join(', ')}` })
  kind: ModelKind;

  @ApiProperty()
  @IsString()
  @Length(1, 300)
  name: string;

  @ApiPropertyOptional({ description: 'The document it comes from, and what is localised' })
  @IsOptional()
  @IsString()
  @Length(0, 2000)
  sourceNote?: string;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  localisable?: boolean;

  @ApiPropertyOptional({ description: 'Area code it applies to; national when absent' })
  @IsOptional()
  @IsString()
  scopeAreaCode?: string;

  @ApiProperty({ example: 2021 })
  @IsInt()
  @Min(2000)
  @Max(2100)
  fromYear: number;

  @ApiPropertyOptional({ example: 2025, nullable: true })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsInt()
  @Min(2000)
  @Max(2100)
  toYear?: number | null;

  @ApiProperty({ example: 80 })
  @IsNumber({ maxDecimalPlaces: 1 }, { message: 'passThreshold phải là số' })
  passThreshold: number;

  @ApiProperty({ type: [CriterionDto] })
  @IsArray()
  @ArrayMinSize(1, { message: 'criteria: cần ít nhất một tiêu chí' })
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => CriterionDto)
  criteria: CriterionDto[];

  @ApiPropertyOptional({ type: [DependencyRuleDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => DependencyRuleDto)
  dependencyRules?: DependencyRuleDto[];
}
