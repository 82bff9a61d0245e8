import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import type { WorklistResult, WorklistStatus } from '@app/contracts';

export type { CompletenessView } from '@app/contracts';
import { IsIn } from 'class-validator';
import {
  EVALUATION_STATUSES,
  MODEL_KINDS,
  type EvaluationStatus,
  type ModelKind,
} from '@app/domain';
import { PageQuery } from '../../common/paging.js';
import { IsVisibleText, Optional } from '../../common/rules.js';
import { AreaYearQuery } from '../../common/year.js';

export class BulkDto extends AreaYearQuery {
  @ApiPropertyOptional({ enum: MODEL_KINDS, description: 'Only this kind; all kinds when absent' })
  @Optional()
  @IsIn(MODEL_KINDS, { message: `kind phải là một trong: ${MODEL_KINDS.join(', ')}` })
  kind?: ModelKind;
}

export class CompletenessQuery extends AreaYearQuery {}

export class EvaluationListQuery extends IntersectionType(AreaYearQuery, PageQuery) {
  @ApiPropertyOptional({ enum: MODEL_KINDS })
  @Optional()
  @IsIn(MODEL_KINDS, { message: `kind phải là một trong: ${MODEL_KINDS.join(', ')}` })
  kind?: ModelKind;

  @ApiPropertyOptional({ enum: EVALUATION_STATUSES })
  @Optional()
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
  @Optional()
  @IsIn(WORKLIST_STATUSES, {
    message: `status phải là một trong: ${WORKLIST_STATUSES.join(', ')}`,
  })
  status?: WorklistStatus;

  @ApiPropertyOptional({
    enum: WORKLIST_RESULTS,
    description: 'Scored result on the criteria (`none`: not evaluated)',
  })
  @Optional()
  @IsIn(WORKLIST_RESULTS, { message: `result phải là một trong: ${WORKLIST_RESULTS.join(', ')}` })
  result?: WorklistResult;

  @ApiPropertyOptional({ description: 'Text in the name or code; accents optional' })
  @Optional()
  @IsVisibleText({ max: 100, what: 'chữ cần tìm' })
  q?: string;
}
