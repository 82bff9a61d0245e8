import { Module } from '@nestjs/common';
import {
  AreasRepository,
  CoursesRepository,
  TargetsRepository,
  TraineesRepository,
  TrainingProgressRepository,
} from '@app/database';
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
  providers: [
    TrainingService,
    TraineesRepository,
    CoursesRepository,
    TrainingProgressRepository,
    TargetsRepository,
    AreasRepository,
  ],
  exports: [TrainingService],
})
export class TrainingModule {}
