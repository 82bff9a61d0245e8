import { Body, Controller, Get, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../auth/decorators.js';
import type { Principal } from '../auth/principal.js';
import type { TargetPlanView } from '@app/database';
import { TargetsService } from './targets.service.js';
import { PutTargetPlanDto, TargetQuery, type ResolvedTargetsView } from './dto/target.dto.js';

@ApiTags('targets')
@ApiBearerAuth()
@Controller('targets')
export class TargetsController {
  constructor(private readonly targets: TargetsService) {}

  /** Without `area`: every plan. With `area` (and `year`): the targets in force there and the plans behind them. */
  @Get()
  query(@Query() query: TargetQuery): Promise<TargetPlanView[] | ResolvedTargetsView> {
    return this.targets.query(query);
  }

  @Put()
  @Roles('admin')
  put(
    @Body() dto: PutTargetPlanDto,
    @CurrentUser() user: Principal,
  ): Promise<{ result: 'created' | 'updated'; plan: TargetPlanView }> {
    return this.targets.put(dto, user);
  }
}
