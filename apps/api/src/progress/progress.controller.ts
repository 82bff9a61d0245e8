import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../auth/decorators.js';
import type { Principal } from '../auth/principal.js';
import { ProgressService } from './progress.service.js';
import { ProgressQuery, type ProgressView, type TrendView } from './dto/progress.dto.js';

@ApiTags('progress')
@ApiBearerAuth()
@Controller('progress')
export class ProgressController {
  constructor(private readonly progress: ProgressService) {}

  @Get()
  forArea(@Query() query: ProgressQuery, @CurrentUser() user: Principal): Promise<ProgressView> {
    return this.progress.forArea(query, user);
  }

  /** The totals of every year with data, for the trend chart. */
  @Get('trend')
  trend(@Query() query: ProgressQuery, @CurrentUser() user: Principal): Promise<TrendView> {
    return this.progress.trend(query, user);
  }
}
