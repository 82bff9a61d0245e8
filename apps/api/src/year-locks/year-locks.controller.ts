import { Body, Controller, Delete, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsString, Length, Max, Min } from 'class-validator';
import { CurrentUser, Roles } from '../auth/decorators.js';
import type { Principal } from '../auth/principal.js';
import { ReasonDto } from '../evaluations/dto/evaluation.dto.js';
import { YearLocksService, type YearLockView } from './year-locks.service.js';

export class YearLockDto {
  @ApiProperty({ example: 'HUONG_THUY' })
  @IsString({ message: 'area: cần mã địa bàn' })
  @Length(1, 64)
  area: string;

  @ApiProperty({ example: 2020 })
  @Type(() => Number)
  @IsInt({ message: 'year phải là số năm, ví dụ 2020' })
  @Min(2000)
  @Max(2100)
  year: number;
}

@ApiTags('year-locks')
@ApiBearerAuth()
@Roles('admin')
@Controller('year-locks')
export class YearLocksController {
  constructor(private readonly locks: YearLocksService) {}

  /** Finalises a year for an area: nothing under it changes for that year until it is reopened. */
  @Post()
  lock(@Body() dto: YearLockDto, @CurrentUser() user: Principal): Promise<YearLockView> {
    return this.locks.lock(dto, user);
  }

  @Delete(':area/:year')
  @HttpCode(200)
  reopen(
    @Param() params: YearLockDto,
    @Body() dto: ReasonDto,
    @CurrentUser() user: Principal,
  ): Promise<YearLockView> {
    return this.locks.reopen(params, dto.reason, user);
  }
}
