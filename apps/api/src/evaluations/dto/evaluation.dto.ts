import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsObject, Max, Min } from 'class-validator';
import { MODEL_KINDS, type ModelKind, type ScoreSheet } from '@app/domain';
import { IsCode, IsDateOnly, IsIntegerIn, IsVisibleText, Optional } from '../../common/rules.js';
import { MAX_YEAR, MIN_YEAR } from '../../common/year.js';

export type { EvaluationFormView, EvaluationView } from '@app/contracts';

export class EvaluationParams {
  @ApiProperty({ enum: MODEL_KINDS })
  @IsIn(MODEL_KINDS, { message: `kind phải là một trong: ${MODEL_KINDS.join(', ')}` })
  kind: ModelKind;

  @ApiProperty({
    description: "Household, clan or unit code; a community's is its hamlet's area code",
  })
  @IsCode()
  subjectCode: string;

  @ApiProperty({ type: 'integer', example: 2020 })
  @IsIntegerIn(MIN_YEAR, MAX_YEAR, 'số năm')
  year: number;
}

export class SaveEvaluationDto {
  @ApiProperty({ description: 'Registered to be evaluated this year' })
  @IsBoolean({ message: 'registered phải là true hoặc false' })
  registered: boolean;

  @ApiProperty({
    example: { '1': 28, '2': 25, '3': 18, '4': 17 },
    description: 'Points per criterion code',
  })
  @IsObject({ message: 'scores phải là một đối tượng { mã tiêu chí: điểm }' })
  scores: ScoreSheet;

  @ApiPropertyOptional({
    type: 'integer',
    description:
      'The version last read: required to change an existing evaluation; a stale one is refused with 409',
  })
  @Optional()
  @IsInt()
  @Min(1)
  @Max(2 ** 31 - 1)
  version?: number;
}

export class RecognitionDto {
  @ApiProperty({ example: '17/QĐ-UBND' })
  @IsVisibleText({ max: 50, what: 'số quyết định' })
  decisionNumber: string;

  @ApiProperty({ example: '2020-12-15', format: 'date' })
  @IsDateOnly()
  decisionDate: string;
}

export class ReasonDto {
  @ApiProperty({ example: 'Chấm lại tiêu chí 3 theo biên bản ngày 20/12' })
  @IsVisibleText({ min: 3, max: 1000, multiline: true, what: 'lý do' })
  reason: string;
}

export class CommentDto {
  @ApiProperty({ example: 'Thiếu minh chứng tiêu chí 2' })
  @IsVisibleText({ min: 3, max: 1000, multiline: true, what: 'nhận xét khi trả lại' })
  comment: string;
}
