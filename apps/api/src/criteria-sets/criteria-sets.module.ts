import { Module } from '@nestjs/common';
import { AreasModule } from '../areas/areas.module.js';
import { CriteriaSetsController } from './criteria-sets.controller.js';
import { CriteriaSetsService } from './criteria-sets.service.js';

@Module({
  imports: [AreasModule],
  controllers: [CriteriaSetsController],
  providers: [CriteriaSetsService],
  exports: [CriteriaSetsService],
})
export class CriteriaSetsModule {}
