import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, Matches, ValidateNested } from 'class-validator';
import { TRAINEE_GROUPS, TRAINEE_ROLES, type TraineeGroup, type TraineeRole } from '@app/domain';
import { PageQuery } from '../../../common/paging.js';
import {
  IsCode,
  IsDateOnly,
  IsIntegerIn,
  IsVisibleText,
  latestStartDate,
  Optional,
  OptionalNullable,
} from '../../../common/rules.js';
import { MAX_YEAR, MIN_YEAR } from '../../../common/year.js';

export type { TraineeDetailView, TraineeView } from '@app/contracts';

const ROLE_MESSAGE = { message: `role phải là một trong: ${TRAINEE_ROLES.join(', ')}` };

export class TraineeQuery extends PageQuery {
  @ApiProperty({ example: 'HT_PHU_BAI', description: 'Area code: people serving under it' })
  @IsCode()
  area: string;

  @ApiPropertyOptional({
    type: 'integer',
    example: 2020,
    description: 'Serving at the end of this year (default: today)',
  })
  @Optional()
  @IsIntegerIn(MIN_YEAR, MAX_YEAR, 'số năm')
  year?: number;

  @ApiPropertyOptional({ description: 'Name or code, with or without diacritics' })
  @Optional()
  @IsVisibleText({ max: 200, what: 'chữ cần tìm' })
  q?: string;

  @ApiPropertyOptional({ enum: TRAINEE_ROLES })
  @Optional()
  @IsIn(TRAINEE_ROLES, ROLE_MESSAGE)
  role?: TraineeRole;

  @ApiPropertyOptional({ enum: TRAINEE_GROUPS })
  @Optional()
  @IsIn(TRAINEE_GROUPS, { message: `group phải là một trong: ${TRAINEE_GROUPS.join(', ')}` })
  group?: TraineeGroup;
}

class TraineeFields {
  @ApiPropertyOptional({
    type: Boolean,
    nullable: true,
    description: 'Member of the Study Promotion Association; null when not known',
  })
  @OptionalNullable()
  @IsBoolean({ message: 'associationMember phải là true, false hoặc null' })
  associationMember?: boolean | null;

  // Six spaces matched the characters allowed; a number needs digits.
  @ApiPropertyOptional({ type: String, nullable: true, example: '0905 123 456' })
  @OptionalNullable()
  @Matches(/^(?=.*\d)[0-9 +.()-]{6,20}$/, { message: 'phone: số điện thoại không hợp lệ' })
  phone?: string | null;
}

export class PostingDto {
  @ApiProperty({ example: 'HT_PHU_BAI_01', description: 'The hamlet or commune served' })
  @IsCode()
  areaCode: string;

  @ApiProperty({ enum: TRAINEE_ROLES })
  @IsIn(TRAINEE_ROLES, ROLE_MESSAGE)
  role: TraineeRole;

  @ApiPropertyOptional({
    example: '2018-01-01',
    format: 'date',
    description: 'First day in the post (default: today); at the latest the end of next year',
  })
  @Optional()
  @IsDateOnly({ latest: latestStartDate })
  validFrom?: string;
}

export class CreateTraineeDto extends TraineeFields {
  @ApiProperty({ example: 'HT-CB-0001' })
  @IsCode()
  code: string;

  @ApiProperty({ example: 'Trần Thị Hoa' })
  @IsVisibleText({ max: 200, what: 'họ tên' })
  fullName: string;

  @ApiProperty({ type: PostingDto, description: 'Where the person serves' })
  @ValidateNested()
  @Type(() => PostingDto)
  posting: PostingDto;
}

export class UpdateTraineeDto extends TraineeFields {
  @ApiPropertyOptional({ example: 'Trần Thị Hoa' })
  @Optional()
  @IsVisibleText({ max: 200, what: 'họ tên' })
  fullName?: string;
}
