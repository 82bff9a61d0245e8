import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, ValidateNested } from 'class-validator';
import { hasVisibleCharacter } from '@app/domain';
import { PageQuery } from '../../../common/paging.js';
import {
  IsCode,
  IsDateOnly,
  IsIntegerIn,
  IsVisibleText,
  Optional,
  OptionalNullable,
} from '../../../common/rules.js';
import { MAX_YEAR, MIN_YEAR } from '../../../common/year.js';

export type { CourseDetailView, CourseView } from '@app/contracts';

export class CourseQuery extends PageQuery {
  @ApiProperty({
    example: 'HUONG_THUY',
    description: 'Courses run by this area, above or below it',
  })
  @IsCode()
  area: string;

  @ApiPropertyOptional({
    type: 'integer',
    example: 2018,
    description: 'Courses starting in this year',
  })
  @Optional()
  @IsIntegerIn(MIN_YEAR, MAX_YEAR, 'số năm')
  year?: number;
}

/**
 * A list typed one entry per line: blank lines (nothing visible) are dropped rather than refused;
 * the entries left are checked like any other text.
 */
const trimmedList = ({ value }: { value: unknown }): unknown =>
  Array.isArray(value)
    ? (value as unknown[])
        .map((item) => (typeof item === 'string' ? item.trim() : item))
        .filter((item) => typeof item !== 'string' || hasVisibleCharacter(item))
    : value;

export class UpdateCourseDto {
  @ApiProperty({ example: 'Tập huấn nghiệp vụ công tác khuyến học, xây dựng xã hội học tập' })
  @IsVisibleText({ max: 300, what: 'tên lớp' })
  title: string;

  @ApiPropertyOptional({ type: [String], example: ['Xây dựng gia đình học tập'] })
  @Optional()
  @Transform(trimmedList)
  @IsArray({ message: 'topics phải là danh sách chủ đề' })
  @ArrayMaxSize(30)
  @IsVisibleText({ max: 300, what: 'chủ đề' }, { each: true })
  topics?: string[];

  @ApiProperty({ example: '2018-10-25', format: 'date' })
  @IsDateOnly()
  startsOn: string;

  @ApiProperty({ example: '2018-10-26', format: 'date' })
  @IsDateOnly()
  endsOn: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'Hội trường UBND thị xã' })
  @OptionalNullable()
  @IsVisibleText({ max: 300, what: 'địa điểm' })
  venue?: string | null;

  @ApiProperty({ example: 'Hội Khuyến học thị xã Hương Thủy' })
  @IsVisibleText({ max: 300, what: 'đơn vị tổ chức' })
  organiser: string;

  @ApiPropertyOptional({ type: [String], example: ['Báo cáo viên Hội Khuyến học tỉnh'] })
  @Optional()
  @Transform(trimmedList)
  @IsArray({ message: 'trainers phải là danh sách báo cáo viên' })
  @ArrayMaxSize(30)
  @IsVisibleText({ max: 200, what: 'tên báo cáo viên' }, { each: true })
  trainers?: string[];

  @ApiProperty({ example: 'HUONG_THUY', description: 'The area that runs the course' })
  @IsCode()
  areaCode: string;
}

export class CreateCourseDto extends UpdateCourseDto {
  @ApiProperty({ example: 'HT-TH-2018-10' })
  @IsCode()
  code: string;
}

export class AttendanceEntryDto {
  @ApiProperty({ example: 'HT-CB-0001' })
  @IsCode()
  traineeCode: string;

  @ApiProperty({ type: 'integer', example: 2, description: 'Days attended: 0 is absent' })
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
