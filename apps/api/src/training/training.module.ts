import { Module } from '@nestjs/common';
import { AreasModule } from '../areas/areas.module.js';
import { CoursesController } from './courses/courses.controller.js';
import { CoursesService } from './courses/courses.service.js';
import { TraineesController } from './people/trainees.controller.js';
import { TraineesService } from './people/trainees.service.js';
import { TrainingProgressController } from './progress/training-progress.controller.js';
import { TrainingProgressService } from './progress/training-progress.service.js';

@Module({
  imports: [AreasModule],
  controllers: [TraineesController, CoursesController, TrainingProgressController],
  providers: [TraineesService, CoursesService, TrainingProgressService],
  exports: [TrainingProgressService],
})
export class TrainingModule {}
