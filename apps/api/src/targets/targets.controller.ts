import { Body, Controller, Get, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { TargetPlanView } from '@app/database';
import { TargetsService } from './targets.service.js';
import { PutTargetPlanDto, TargetQuery, type ResolvedTargetsView } from './dto/target.dto.js';

@ApiTags('targets')
@Controller('targets')
export class TargetsController {
  constructor(private readonly targets: TargetsService) {}

  /** Without `area`: every plan. With `area` (and `year`): the targets in force there and the plans behind them. */
  @Get()
  query(@Query() query: TargetQuery): Promise<TargetPlanView[] | ResolvedTargetsView> {
    return this.targets.query(query);
  }

  @Put()
  put(
    @Body() dto: PutTargetPlanDto,
  ): Promise<{ result: 'created' | 'updated'; plan: TargetPlanView }> {
    return this.targets.put(dto);
  }
}
