import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { TRAINEE_GROUPS, TRAINEE_ROLES, type TraineeGroup, type TraineeRole } from '@app/domain';
import { CODE_MESSAGE, CODE_PATTERN } from '../../areas/dto/area.dto.js';
import { PageQuery } from '../../common/paging.js';
import { MAX_YEAR, MIN_YEAR } from '../../common/year.js';

export type {
  CourseDetailView,
  CourseView,
  TraineeDetailView,
  TraineeView,
  TrainingProgressView,
} from '@app/contracts';

const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
const dateMessage = (field: string) => ({ message: `${field} phải là ngày dạng YYYY-MM-DD` });
const ROLE_MESSAGE = { message: `role phải là một trong: ${TRAINEE_ROLES.join(', ')}` };

export class TraineeQuery extends PageQuery {
  @ApiProperty({ example: 'HT_PHU_BAI', description: 'Area code: people serving under it' })
  @IsString({ message: 'area: cần mã địa bàn' })
  @Length(1, 64)
  area: string;

  @ApiPropertyOptional({
    example: 2020,
    description: 'Serving at the end of this year (default: today)',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'year phải là số năm, ví dụ 2020' })
  @Min(MIN_YEAR)
  @Max(MAX_YEAR)
  year?: number;

  @ApiPropertyOptional({ description: 'Name or code, with or without diacritics' })
  @IsOptional()
  @IsString()
  @Length(0, 200)
  q?: string;

  @ApiPropertyOptional({ enum: TRAINEE_ROLES })
  @IsOptional()
  @IsIn(TRAINEE_ROLES, ROLE_MESSAGE)
  role?: TraineeRole;

  @ApiPropertyOptional({ enum: TRAINEE_GROUPS })
  @IsOptional()
  @IsIn(TRAINEE_GROUPS, { message: `group phải là một trong: ${TRAINEE_GROUPS.join(', ')}` })
  group?: TraineeGroup;
}

class TraineeFields {
  @ApiPropertyOptional({
    nullable: true,
    description: 'Member of the Study Promotion Association; null when not known',
  })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsBoolean({ message: 'associationMember phải là true, false hoặc null' })
  associationMember?: boolean | null;

  @ApiPropertyOptional({ nullable: true, example: '0905 123 456' })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @Matches(/^[0-9 +.()-]{6,20}$/, { message: 'phone: số điện thoại không hợp lệ' })
  phone?: string | null;
}

export class PostingDto {
  @ApiProperty({ example: 'HT_PHU_BAI_01', description: 'The hamlet or commune served' })
  @IsString({ message: 'areaCode: cần mã thôn hoặc xã' })
  @Length(1, 64)
  areaCode: string;

  @ApiProperty({ enum: TRAINEE_ROLES })
  @IsIn(TRAINEE_ROLES, ROLE_MESSAGE)
  role: TraineeRole;

  @ApiPropertyOptional({
    example: '2018-01-01',
    description: 'First day in the post (default: today)',
  })
  @IsOptional()
  @Matches(DATE_PATTERN, dateMessage('validFrom'))
  @IsISO8601({ strict: true }, dateMessage('validFrom'))
  validFrom?: string;
}

export class CreateTraineeDto extends TraineeFields {
  @ApiProperty({ example: 'HT-CB-0001' })
  @Matches(CODE_PATTERN, { message: `code ${CODE_MESSAGE}` })
  code: string;

  @ApiProperty({ example: 'Trần Thị Hoa' })
  @IsString()
  @Length(1, 200, { message: 'fullName: cần họ tên (tối đa 200 ký tự)' })
  fullName: string;

  @ApiProperty({ type: PostingDto, description: 'Where the person serves' })
  @ValidateNested()
  @Type(() => PostingDto)
  posting: PostingDto;
}

export class UpdateTraineeDto extends TraineeFields {
  @ApiPropertyOptional({ example: 'Trần Thị Hoa' })
  @IsOptional()
  @IsString()
  @Length(1, 200, { message: 'fullName: cần họ tên (tối đa 200 ký tự)' })
  fullName?: string;
}

export class CourseQuery extends PageQuery {
  @ApiProperty({
    example: 'HUONG_THUY',
    description: 'Courses run by this area, above or below it',
  })
  @IsString({ message: 'area: cần mã địa bàn' })
  @Length(1, 64)
  area: string;

  @ApiPropertyOptional({ example: 2018, description: 'Courses starting in this year' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'year phải là số năm, ví dụ 2020' })
  @Min(MIN_YEAR)
  @Max(MAX_YEAR)
  year?: number;
}

/** Blank entries of a list typed in a form are dropped rather than refused. */
const trimmedList = ({ value }: { value: unknown }): unknown =>
  Array.isArray(value)
    ? (value as unknown[])
        .map((item) => (typeof item === 'string' ? item.trim() : item))
        .filter((item) => item !== '')
    : value;

export class UpdateCourseDto {
  @ApiProperty({ example: 'Tập huấn nghiệp vụ công tác khuyến học, xây dựng xã hội học tập' })
  @IsString()
  @Length(1, 300, { message: 'title: cần tên lớp (tối đa 300 ký tự)' })
  title: string;

  @ApiPropertyOptional({ type: [String], example: ['Xây dựng gia đình học tập'] })
  @IsOptional()
  @Transform(trimmedList)
  @IsArray({ message: 'topics phải là danh sách chủ đề' })
  @ArrayMaxSize(30)
  @IsString({ each: true })
  @Length(1, 300, { each: true, message: 'topics: mỗi chủ đề tối đa 300 ký tự' })
  topics?: string[];

  @ApiProperty({ example: '2018-10-25' })
  @Matches(DATE_PATTERN, dateMessage('startsOn'))
  @IsISO8601({ strict: true }, dateMessage('startsOn'))
  startsOn: string;

  @ApiProperty({ example: '2018-10-26' })
  @Matches(DATE_PATTERN, dateMessage('endsOn'))
  @IsISO8601({ strict: true }, dateMessage('endsOn'))
  endsOn: string;

  @ApiPropertyOptional({ nullable: true, example: 'Hội trường UBND thị xã' })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @Length(1, 300, { message: 'venue: tối đa 300 ký tự' })
  venue?: string | null;

  @ApiProperty({ example: 'Hội Khuyến học thị xã Hương Thủy' })
  @IsString()
  @Length(1, 300, { message: 'organiser: cần đơn vị tổ chức (tối đa 300 ký tự)' })
  organiser: string;

  @ApiPropertyOptional({ type: [String], example: ['Báo cáo viên Hội Khuyến học tỉnh'] })
  @IsOptional()
  @Transform(trimmedList)
  @IsArray({ message: 'trainers phải là danh sách báo cáo viên' })
  @ArrayMaxSize(30)
  @IsString({ each: true })
  @Length(1, 200, { each: true, message: 'trainers: mỗi tên tối đa 200 ký tự' })
  trainers?: string[];

  @ApiProperty({ example: 'HUONG_THUY', description: 'The area that runs the course' })
  @IsString({ message: 'areaCode: cần mã địa bàn tổ chức' })
  @Length(1, 64)
  areaCode: string;
}

export class CreateCourseDto extends UpdateCourseDto {
  @ApiProperty({ example: 'HT-TH-2018-10' })
  @Matches(CODE_PATTERN, { message: `code ${CODE_MESSAGE}` })
  code: string;
}

export class AttendanceEntryDto {
  @ApiProperty({ example: 'HT-CB-0001' })
  @IsString({ message: 'traineeCode: cần mã người học' })
  @Length(1, 64)
  traineeCode: string;

  @ApiProperty({ example: 2, description: 'Days attended: 0 is absent' })
  @IsInt({ message: 'daysAttended phải là số ngày (số nguyên)' })
  daysAttended: number;
}

export class PutAttendanceDto {
  @ApiProperty({ type: [AttendanceEntryDto] })
  @IsArray()
  @ArrayMinSize(1, { message: 'entries: cần ít nhất một người' })
  @ArrayMaxSize(5000, { message: 'entries: tối đa 5.000 người mỗi lần' })
  @ValidateNested({ each: true })
  @Type(() => AttendanceEntryDto)
  entries: AttendanceEntryDto[];
}
