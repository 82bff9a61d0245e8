import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
} from 'class-validator';
import { MODEL_KINDS, type ModelKind, type ScoreSheet } from '@app/domain';

export type { EvaluationFormView, EvaluationView } from '@app/contracts';

export class EvaluationParams {
  @ApiProperty({ enum: MODEL_KINDS })
  @IsIn(MODEL_KINDS, { message: `kind phải là một trong: ${MODEL_KINDS.join(', ')}` })
  kind: ModelKind;

  @ApiProperty({
    description: "Household, clan or unit code; a community's is its hamlet's area code",
  })
  @IsString()
  @Length(1, 64)
  subjectCode: string;

  @ApiProperty({ example: 2020 })
  @Type(() => Number)
  @IsInt({ message: 'year phải là số năm, ví dụ 2020' })
  @Min(2000, { message: 'year phải từ 2000' })
  @Max(2100, { message: 'year phải đến 2100' })
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
    description:
      'The version last read: required to change an existing evaluation; a stale one is refused with 409',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class RecognitionDto {
  @ApiProperty({ example: '17/QĐ-UBND' })
  @IsString()
  @Length(1, 50, { message: 'decisionNumber: cần số quyết định (tối đa 50 ký tự)' })
  @Matches(/\S/, { message: 'decisionNumber: cần số quyết định' })
  decisionNumber: string;

  @ApiProperty({ example: '2020-12-15' })
  @IsISO8601({ strict: true }, { message: 'decisionDate phải là ngày dạng YYYY-MM-DD' })
  decisionDate: string;
}

export class ReasonDto {
  @ApiProperty({ example: 'Chấm lại tiêu chí 3 theo biên bản ngày 20/12' })
  @IsString()
  @Length(3, 1000, { message: 'reason: cần nêu lý do (ít nhất 3 ký tự)' })
  reason: string;
}

export class CommentDto {
  @ApiProperty({ example: 'Thiếu minh chứng tiêu chí 2' })
  @IsString()
  @Length(3, 1000, { message: 'comment: cần nhận xét khi trả lại (ít nhất 3 ký tự)' })
  comment: string;
}
