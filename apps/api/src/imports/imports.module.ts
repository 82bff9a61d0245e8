import { Module } from '@nestjs/common';
import { AreasModule } from '../areas/areas.module.js';
import { CriteriaSetsModule } from '../criteria-sets/criteria-sets.module.js';
import { ImportsController } from './imports.controller.js';
import { ImportPlanner } from './import-planner.js';
import { ImportsService } from './imports.service.js';

@Module({
  imports: [AreasModule, CriteriaSetsModule],
  controllers: [ImportsController],
  providers: [ImportsService, ImportPlanner],
  exports: [ImportsService],
})
export class ImportsModule {}
