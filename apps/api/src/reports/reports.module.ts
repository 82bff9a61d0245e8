import { Module } from '@nestjs/common';
import { AreasModule } from '../areas/areas.module.js';
import { CriteriaSetsModule } from '../criteria-sets/criteria-sets.module.js';
import { ProgressModule } from '../progress/progress.module.js';
import { InsightsModule } from '../insights/insights.module.js';
import { TrainingModule } from '../training/training.module.js';
import { ReportsController } from './reports.controller.js';
import { ReportsService } from './reports.service.js';

@Module({
  imports: [AreasModule, CriteriaSetsModule, ProgressModule, TrainingModule, InsightsModule],
  controllers: [ReportsController],
  providers: [ReportsService],
  exports: [ReportsService],
})
export class ReportsModule {}
