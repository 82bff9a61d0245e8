import { Module } from '@nestjs/common';
import { AreasModule } from '../areas/areas.module.js';
import { CriteriaSetsModule } from '../criteria-sets/criteria-sets.module.js';
import { EvaluationsController, WorkflowController } from './evaluations.controller.js';
import { EvaluationsService } from './evaluations.service.js';
import { WorkflowService } from './workflow.service.js';

@Module({
  imports: [AreasModule, CriteriaSetsModule],
  controllers: [WorkflowController, EvaluationsController],
  providers: [EvaluationsService, WorkflowService],
})
export class EvaluationsModule {}
