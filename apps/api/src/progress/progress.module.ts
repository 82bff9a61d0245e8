import { Module } from '@nestjs/common';
import { AreasModule } from '../areas/areas.module.js';
import { TargetsModule } from '../targets/targets.module.js';
import { ProgressController } from './progress.controller.js';
import { ProgressService } from './progress.service.js';

@Module({
  imports: [AreasModule, TargetsModule],
  controllers: [ProgressController],
  providers: [ProgressService],
  exports: [ProgressService],
})
export class ProgressModule {}
