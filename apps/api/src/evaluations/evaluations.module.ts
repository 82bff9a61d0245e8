import { Module } from '@nestjs/common';
import { EvaluationsRepository } from '@app/database';
import { AreasModule } from '../areas/areas.module.js';
import { CriteriaSetsModule } from '../criteria-sets/criteria-sets.module.js';
import { EvaluationsController } from './evaluations.controller.js';
import { EvaluationsService } from './evaluations.service.js';

@Module({
  imports: [AreasModule, CriteriaSetsModule],
  controllers: [EvaluationsController],
  providers: [EvaluationsService, EvaluationsRepository],
})
export class EvaluationsModule {}
