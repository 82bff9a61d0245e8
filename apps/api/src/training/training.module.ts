import { Module } from '@nestjs/common';
import { AreasRepository, TargetsRepository, TrainingRepository } from '@app/database';
import { AreasModule } from '../areas/areas.module.js';
import {
  CoursesController,
  TraineesController,
  TrainingProgressController,
} from './training.controller.js';
import { TrainingService } from './training.service.js';

@Module({
  imports: [AreasModule],
  controllers: [TraineesController, CoursesController, TrainingProgressController],
  providers: [TrainingService, TrainingRepository, TargetsRepository, AreasRepository],
  exports: [TrainingService],
})
export class TrainingModule {}
