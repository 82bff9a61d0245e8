import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { MODEL_KINDS, type EvaluationStatus, type ModelKind } from '@app/domain';

export class BulkDto {
  @ApiProperty({ example: 'HT_PHU_BAI', description: 'A commune or hamlet (or any area) code' })
  @IsString({ message: 'area: cần mã địa bàn' })
  @Length(1, 64)
  area: string;

  @ApiProperty({ example: 2020 })
  @Type(() => Number)
  @IsInt({ message: 'year phải là số năm, ví dụ 2020' })
  @Min(2000)
  @Max(2100)
  year: number;

  @ApiPropertyOptional({ enum: MODEL_KINDS, description: 'Only this kind; all kinds when absent' })
  @IsOptional()
  @IsIn(MODEL_KINDS, { message: `kind phải là một trong: ${MODEL_KINDS.join(', ')}` })
  kind?: ModelKind;
}

export class CompletenessQuery {
  @ApiProperty({ example: 'HT_PHU_BAI' })
  @IsString({ message: 'area: cần mã địa bàn' })
  @Length(1, 64)
  area: string;

  @ApiProperty({ example: 2020 })
  @Type(() => Number)
  @IsInt({ message: 'year phải là số năm, ví dụ 2020' })
  @Min(2000)
  @Max(2100)
  year: number;
}

export interface CompletenessView {
  area: { code: string; name: string };
  year: number;
  rows: { code: string; name: string; counts: Record<EvaluationStatus, number> }[];
  total: Record<EvaluationStatus, number>;
  /** Registered subjects whose evaluation is still a draft (at most 500). */
  notSubmitted: { kind: ModelKind; code: string; name: string }[];
}
