import { ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import {
  EVALUATION_STATUSES,
  MODEL_KINDS,
  type EvaluationStatus,
  type ModelKind,
} from '@app/domain';
import { PageQuery } from '../../common/paging.js';
import { AreaYearQuery } from '../../common/year.js';

export class BulkDto extends AreaYearQuery {
  @ApiPropertyOptional({ enum: MODEL_KINDS, description: 'Only this kind; all kinds when absent' })
  @IsOptional()
  @IsIn(MODEL_KINDS, { message: `kind phải là một trong: ${MODEL_KINDS.join(', ')}` })
  kind?: ModelKind;
}

export class CompletenessQuery extends AreaYearQuery {}

export class EvaluationListQuery extends IntersectionType(AreaYearQuery, PageQuery) {
  @ApiPropertyOptional({ enum: MODEL_KINDS })
  @IsOptional()
  @IsIn(MODEL_KINDS, { message: `kind phải là một trong: ${MODEL_KINDS.join(', ')}` })
  kind?: ModelKind;

  @ApiPropertyOptional({ enum: EVALUATION_STATUSES })
  @IsOptional()
  @IsIn(EVALUATION_STATUSES, {
    message: `status phải là một trong: ${EVALUATION_STATUSES.join(', ')}`,
  })
  status?: EvaluationStatus;
}

export interface CompletenessView {
  area: { code: string; name: string };
  year: number;
  rows: { code: string; name: string; counts: Record<EvaluationStatus, number> }[];
  total: Record<EvaluationStatus, number>;
  /** Registered subjects whose evaluation is still a draft (at most 500). */
  notSubmitted: { kind: ModelKind; code: string; name: string }[];
}
