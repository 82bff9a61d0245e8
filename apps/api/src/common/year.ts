import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';

export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;

export class YearQuery {
  @ApiPropertyOptional({ example: 2020 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'year phải là số năm, ví dụ 2020' })
  @Min(MIN_YEAR, { message: `year phải từ ${MIN_YEAR}` })
  @Max(MAX_YEAR, { message: `year phải đến ${MAX_YEAR}` })
  year?: number;
}

export class RequiredYearQuery {
  @ApiProperty({ example: 2020 })
  @Type(() => Number)
  @IsInt({ message: 'year phải là số năm, ví dụ 2020' })
  @Min(MIN_YEAR, { message: `year phải từ ${MIN_YEAR}` })
  @Max(MAX_YEAR, { message: `year phải đến ${MAX_YEAR}` })
  year: number;
}

/** An area and a year: what progress, completeness, bulk steps and year locks are about. */
export class AreaYearQuery extends RequiredYearQuery {
  @ApiProperty({ example: 'HUONG_THUY', description: 'Area code' })
  @IsString({ message: 'area: cần mã địa bàn' })
  @Length(1, 64)
  area: string;
}
