import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn } from 'class-validator';
import { MODEL_KINDS, type ModelKind } from '@app/domain';
import { IsCode, IsPoints, Optional, toDecimal } from '../../common/rules.js';
import { AreaYearQuery } from '../../common/year.js';

export type { BlockingView, FocusView, NearMissView } from '@app/contracts';

/** Points below the pass threshold still counted as a near miss, unless asked otherwise. */
export const DEFAULT_MARGIN = 10;

export const NEAR_MISS_SORTS = ['pointsShort', 'total', 'name', 'hamlet'] as const;
export type NearMissSort = (typeof NEAR_MISS_SORTS)[number];

export class InsightQuery extends AreaYearQuery {
  @ApiProperty({ enum: MODEL_KINDS })
  @IsIn(MODEL_KINDS, { message: `kind phải là một trong: ${MODEL_KINDS.join(', ')}` })
  kind: ModelKind;

  @ApiPropertyOptional({
    type: 'number',
    minimum: 0,
    maximum: 100,
    default: DEFAULT_MARGIN,
    description: 'Points below the pass threshold still counted as a near miss',
  })
  @Optional()
  @Transform(toDecimal)
  @IsPoints(100)
  margin: number = DEFAULT_MARGIN;
}

export class NearMissQuery extends InsightQuery {
  @ApiPropertyOptional({ description: 'Only this hamlet of the commune' })
  @Optional()
  @IsCode()
  hamlet?: string;

  @ApiPropertyOptional({ enum: NEAR_MISS_SORTS, default: 'pointsShort' })
  @Optional()
  @IsIn(NEAR_MISS_SORTS, { message: `sort phải là một trong: ${NEAR_MISS_SORTS.join(', ')}` })
  sort: NearMissSort = 'pointsShort';
}
