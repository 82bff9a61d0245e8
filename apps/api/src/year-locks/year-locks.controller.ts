import { Body, Controller, Delete, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../auth/decorators.js';
import type { Principal } from '../auth/principal.js';
import { AreaYearQuery } from '../common/year.js';
import { ReasonDto } from '../evaluations/dto/evaluation.dto.js';
import { YearLocksService, type YearLockView } from './year-locks.service.js';

@ApiTags('year-locks')
@ApiBearerAuth()
@Roles('admin')
@Controller('year-locks')
export class YearLocksController {
  constructor(private readonly locks: YearLocksService) {}

  /** Finalises a year for an area: nothing under it changes for that year until it is reopened. */
  @Post()
  lock(@Body() dto: AreaYearQuery, @CurrentUser() user: Principal): Promise<YearLockView> {
    return this.locks.lock(dto, user);
  }

  @Delete(':area/:year')
  @HttpCode(200)
  reopen(
    @Param() params: AreaYearQuery,
    @Body() dto: ReasonDto,
    @CurrentUser() user: Principal,
  ): Promise<YearLockView> {
    return this.locks.reopen(params, dto.reason, user);
  }
}
