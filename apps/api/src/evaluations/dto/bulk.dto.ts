import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import type { WorklistResult, WorklistStatus } from '@app/contracts';

export type { CompletenessView } from '@app/contracts';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
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

const WORKLIST_STATUSES = ['none', ...EVALUATION_STATUSES] as const;
const WORKLIST_RESULTS = ['passed', 'failed', 'none'] as const;

export class WorklistQuery extends IntersectionType(AreaYearQuery, PageQuery) {
  @ApiProperty({ enum: MODEL_KINDS })
  @IsIn(MODEL_KINDS, { message: `kind phải là một trong: ${MODEL_KINDS.join(', ')}` })
  kind: ModelKind;

  @ApiPropertyOptional({ enum: WORKLIST_STATUSES, description: '`none`: not evaluated this year' })
  @IsOptional()
  @IsIn(WORKLIST_STATUSES, {
    message: `status phải là một trong: ${WORKLIST_STATUSES.join(', ')}`,
  })
  status?: WorklistStatus;

  @ApiPropertyOptional({
    enum: WORKLIST_RESULTS,
    description: 'Scored result on the criteria (`none`: not evaluated)',
  })
  @IsOptional()
  @IsIn(WORKLIST_RESULTS, { message: `result phải là một trong: ${WORKLIST_RESULTS.join(', ')}` })
  result?: WorklistResult;

  @ApiPropertyOptional({ description: 'Text in the name or code; accents optional' })
  @IsOptional()
  @IsString()
  @Length(1, 100, { message: 'q: tối đa 100 ký tự' })
  q?: string;
}
