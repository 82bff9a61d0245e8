import { Module } from '@nestjs/common';
import { CriteriaSetsModule } from '../criteria-sets/criteria-sets.module.js';
import { EvaluationsController, WorkflowController } from './evaluations.controller.js';
import { EvaluationsService } from './evaluations.service.js';
import { WorkflowService } from './workflow.service.js';

@Module({
  imports: [CriteriaSetsModule],
  controllers: [WorkflowController, EvaluationsController],
  providers: [EvaluationsService, WorkflowService],
})
export class EvaluationsModule {}
