import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn } from 'class-validator';
import { IMPORT_KINDS, MODEL_KINDS, type ImportKind, type ModelKind } from '@app/domain';
import { toBoolean } from '../../common/query.js';
import { IsCode, Optional } from '../../common/rules.js';
import { YearQuery } from '../../common/year.js';

export class ImportParams {
  @ApiProperty({ enum: IMPORT_KINDS })
  @IsIn(IMPORT_KINDS, { message: `what phải là một trong: ${IMPORT_KINDS.join(', ')}` })
  what: ImportKind;
}

/** The commune the sheet is about; for evaluations also the kind and the year. */
export class ImportTarget extends YearQuery {
  @ApiProperty({ example: 'HT_PHU_BAI', description: 'Commune code' })
  @IsCode()
  commune: string;

  @ApiPropertyOptional({ enum: MODEL_KINDS, description: 'Evaluations only' })
  @Optional()
  @IsIn(MODEL_KINDS, { message: `kind phải là một trong: ${MODEL_KINDS.join(', ')}` })
  kind?: ModelKind;
}

export class ImportQuery extends ImportTarget {
  @ApiPropertyOptional({ default: true, description: 'Check and report without writing anything' })
  @Optional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'dryRun phải là true hoặc false' })
  dryRun: boolean = true;
}

export type { ImportReport } from '@app/contracts';
