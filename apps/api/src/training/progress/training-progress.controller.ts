import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { TrainingProgressView } from '@app/contracts';
import { CurrentUser } from '../../auth/decorators.js';
import type { Principal } from '../../auth/principal.js';
import { ProgressQuery } from '../../progress/dto/progress.dto.js';
import { TrainingProgressService } from './training-progress.service.js';

@ApiTags('progress')
@ApiBearerAuth()
@Controller('progress')
export class TrainingProgressController {
  constructor(private readonly training: TrainingProgressService) {}

  /** The trained share of each group per commune, against the plan's training targets. */
  @Get('training')
  progress(
    @Query() query: ProgressQuery,
    @CurrentUser() user: Principal,
  ): Promise<TrainingProgressView> {
    return this.training.progress(query, user);
  }
}
