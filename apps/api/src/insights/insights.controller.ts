import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../auth/decorators.js';
import type { Principal } from '../auth/principal.js';
import { InsightsService } from './insights.service.js';
import {
  InsightQuery,
  NearMissQuery,
  type BlockingView,
  type FocusView,
  type NearMissView,
} from './dto/insights.dto.js';

@ApiTags('insights')
@ApiBearerAuth()
@Controller('insights')
export class InsightsController {
  constructor(private readonly insights: InsightsService) {}

  /** Per row: progress, failures, near misses, the what-if, the top reason and the pace. */
  @Get('focus')
  focus(@Query() query: InsightQuery, @CurrentUser() user: Principal): Promise<FocusView> {
    return this.insights.focus(query, user);
  }

  /** How many failed, and how many each reason held back, alone and with others. */
  @Get('blocking')
  blocking(@Query() query: InsightQuery, @CurrentUser() user: Principal): Promise<BlockingView> {
    return this.insights.blocking(query, user);
  }

  /** A commune's subjects that failed by a small margin, with what each lacks. */
  @Get('near-misses')
  nearMisses(@Query() query: NearMissQuery, @CurrentUser() user: Principal): Promise<NearMissView> {
    return this.insights.nearMisses(query, user);
  }
}
