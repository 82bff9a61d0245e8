import { Module } from '@nestjs/common';
import { ProgressModule } from '../progress/progress.module.js';
import { InsightsModule } from '../insights/insights.module.js';
import { TrainingModule } from '../training/training.module.js';
import { ReportsController } from './reports.controller.js';
import { ReportsService } from './reports.service.js';

@Module({
  imports: [ProgressModule, TrainingModule, InsightsModule],
  controllers: [ReportsController],
  providers: [ReportsService],
  exports: [ReportsService],
})
export class ReportsModule {}
