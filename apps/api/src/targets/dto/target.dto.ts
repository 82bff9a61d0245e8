import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  MODEL_KINDS,
  TRAINEE_GROUPS,
  type ModelKind,
  type TargetValue,
  type TraineeGroup,
} from '@app/domain';
import type { TargetPlanView } from '@app/database';
import {
  IsCode,
  IsIntegerIn,
  IsPercent,
  IsVisibleText,
  Optional,
  OptionalNullable,
} from '../../common/rules.js';
import { MAX_YEAR, MIN_YEAR } from '../../common/year.js';

export class TargetQuery {
  @ApiPropertyOptional({ description: 'Area code: resolve the targets that apply to it' })
  @Optional()
  @IsCode()
  area?: string;

  @ApiPropertyOptional({ type: 'integer', example: 2020 })
  @Optional()
  @IsIntegerIn(MIN_YEAR, MAX_YEAR, 'số năm')
  year?: number;
}

export class TargetValueDto {
  @ApiProperty({ enum: ['standard', 'difficult'] })
  @IsIn(['standard', 'difficult'], { message: 'variant phải là standard hoặc difficult' })
  variant: 'standard' | 'difficult';

  @ApiProperty({ enum: MODEL_KINDS })
  @IsIn(MODEL_KINDS, { message: `kind phải là một trong: ${MODEL_KINDS.join(', ')}` })
  kind: ModelKind;

  @ApiProperty({ type: 'number', example: 80, description: 'Floor, in percent' })
  @IsPercent()
  floor: number;

  @ApiPropertyOptional({
    type: 'number',
    example: 90,
    nullable: true,
    description: 'Stretch, in percent',
  })
  @OptionalNullable()
  @IsPercent()
  stretch?: number | null;
}

export class TrainingTargetDto {
  @ApiProperty({ enum: TRAINEE_GROUPS })
  @IsIn(TRAINEE_GROUPS, { message: `group phải là một trong: ${TRAINEE_GROUPS.join(', ')}` })
  group: TraineeGroup;

  @ApiProperty({ type: 'number', example: 100, description: 'Floor, in percent' })
  @IsPercent()
  floor: number;
}

export class PutTargetPlanDto {
  @ApiProperty({ example: 'HUONG_THUY_2020' })
  @IsCode()
  code: string;

  @ApiProperty()
  @IsVisibleText({ max: 300, what: 'tên kế hoạch' })
  name: string;

  @ApiPropertyOptional()
  @Optional()
  @IsVisibleText({ max: 2000, multiline: true, what: 'nguồn' })
  sourceNote?: string;

  @ApiPropertyOptional({ description: 'Area code; national when absent' })
  @Optional()
  @IsCode()
  scopeAreaCode?: string;

  @ApiProperty({ type: 'integer', example: 2020, description: 'The milestone year: "by 2020"' })
  @IsInt()
  @Min(MIN_YEAR)
  @Max(MAX_YEAR)
  milestoneYear: number;

  @ApiProperty({ type: [TargetValueDto] })
  @IsArray()
  @ArrayMinSize(1, { message: 'values: cần ít nhất một chỉ tiêu' })
  @ArrayMaxSize(8)
  @ValidateNested({ each: true })
  @Type(() => TargetValueDto)
  values: TargetValueDto[];

  @ApiPropertyOptional({
    type: [TrainingTargetDto],
    description: 'Shares of people to have been trained in the plan period',
  })
  @Optional()
  @IsArray()
  @ArrayMaxSize(TRAINEE_GROUPS.length)
  @ValidateNested({ each: true })
  @Type(() => TrainingTargetDto)
  training?: TrainingTargetDto[];
}

export interface ResolvedTargetsView {
  area: { code: string; name: string; difficult: boolean };
  year: number;
  targets: Record<ModelKind, TargetValue | null>;
  /** Plans that apply to the area, most recent milestone last. */
  plans: TargetPlanView[];
}
