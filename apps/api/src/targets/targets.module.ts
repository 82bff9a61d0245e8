import { Module } from '@nestjs/common';
import { TargetsRepository } from '@app/database';
import { AreasModule } from '../areas/areas.module.js';
import { TargetsController } from './targets.controller.js';
import { TargetsService } from './targets.service.js';

@Module({
  imports: [AreasModule],
  controllers: [TargetsController],
  providers: [TargetsService, TargetsRepository],
  exports: [TargetsService],
})
export class TargetsModule {}
