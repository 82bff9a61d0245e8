import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIntegerIn, Optional } from './rules.js';

/** Far beyond the country's 26 million households at 50 a page, and an offset SQL can hold. */
const MAX_PAGE = 1_000_000;

export class PageQuery {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_PAGE, default: 1 })
  @Optional()
  @IsIntegerIn(1, MAX_PAGE)
  page: number = 1;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 500, default: 50 })
  @Optional()
  @IsIntegerIn(1, 500)
  pageSize: number = 50;
}

export type { Page } from '@app/contracts';
