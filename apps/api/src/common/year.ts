import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsCode, IsIntegerIn, Optional } from './rules.js';

export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;

export class YearQuery {
  @ApiPropertyOptional({ type: 'integer', example: 2020, minimum: MIN_YEAR, maximum: MAX_YEAR })
  @Optional()
  @IsIntegerIn(MIN_YEAR, MAX_YEAR, 'số năm')
  year?: number;
}

export class RequiredYearQuery {
  @ApiProperty({ type: 'integer', example: 2020, minimum: MIN_YEAR, maximum: MAX_YEAR })
  @IsIntegerIn(MIN_YEAR, MAX_YEAR, 'số năm')
  year: number;
}

/** An area and a year: what progress, completeness, bulk steps and year locks are about. */
export class AreaYearQuery extends RequiredYearQuery {
  @ApiProperty({ example: 'HUONG_THUY', description: 'Area code' })
  @IsCode()
  area: string;
}
