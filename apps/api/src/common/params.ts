import { ApiProperty } from '@nestjs/swagger';
import { IsCode } from './rules.js';

/** `:code` in a path: checked like any code, so a NUL or a 10,000-character code is a 400. */
export class CodeParams {
  @ApiProperty({ example: 'HT_PHU_BAI', pattern: '^[A-Za-z0-9_.-]{1,64}$' })
  @IsCode()
  code: string;
}
