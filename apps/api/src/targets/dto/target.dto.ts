import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
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
  MODEL_KINDS,
  TRAINEE_GROUPS,
  type ModelKind,
  type TargetValue,
  type TraineeGroup,
} from '@app/domain';
import type { TargetPlanView } from '@app/database';
import { CODE_MESSAGE, CODE_PATTERN } from '../../areas/dto/area.dto.js';

export class TargetQuery {
  @ApiPropertyOptional({ description: 'Area code: resolve the targets that apply to it' })
  @IsOptional()
  @IsString()
  area?: string;

  @ApiPropertyOptional({ example: 2020 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'year phải là số năm, ví dụ 2020' })
  @Min(2000)
  @Max(2100)
  year?: number;
}

export class TargetValueDto {
  @ApiProperty({ enum: ['standard', 'difficult'] })
  @IsIn(['standard', 'difficult'], { message: 'variant phải là standard hoặc difficult' })
  variant: 'standard' | 'difficult';

  @ApiProperty({ enum: MODEL_KINDS })
  @IsIn(MODEL_KINDS, { message: `kind phải là một trong: ${MODEL_KINDS.join(', ')}` })
  kind: ModelKind;

  @ApiProperty({ example: 80, description: 'Floor, in percent' })
  @IsNumber({ maxDecimalPlaces: 2 }, { message: 'floor phải là số phần trăm' })
  floor: number;

  @ApiPropertyOptional({ example: 90, nullable: true, description: 'Stretch, in percent' })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsNumber({ maxDecimalPlaces: 2 }, { message: 'stretch phải là số phần trăm' })
  stretch?: number | null;
}

export class TrainingTargetDto {
  @ApiProperty({ enum: TRAINEE_GROUPS })
  @IsIn(TRAINEE_GROUPS, { message: `group phải là một trong: ${TRAINEE_GROUPS.join(', ')}` })
  group: TraineeGroup;

  @ApiProperty({ example: 100, description: 'Floor, in percent' })
  @IsNumber({ maxDecimalPlaces: 2 }, { message: 'floor phải là số phần trăm' })
  floor: number;
}

export class PutTargetPlanDto {
  @ApiProperty({ example: 'HUONG_THUY_2020' })
  @Matches(CODE_PATTERN, { message: `code ${CODE_MESSAGE}` })
  code: string;

  @ApiProperty()
  @IsString()
  @Length(1, 300)
  name: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(0, 2000)
  sourceNote?: string;

  @ApiPropertyOptional({ description: 'Area code; national when absent' })
  @IsOptional()
  @IsString()
  scopeAreaCode?: string;

  @ApiProperty({ example: 2020, description: 'The milestone year: "by 2020"' })
  @IsInt()
  @Min(2000)
  @Max(2100)
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
  @IsOptional()
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
