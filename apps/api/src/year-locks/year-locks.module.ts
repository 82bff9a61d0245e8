import { Module } from '@nestjs/common';
import { AreasModule } from '../areas/areas.module.js';
import { YearLocksController } from './year-locks.controller.js';
import { YearLocksService } from './year-locks.service.js';

@Module({
  imports: [AreasModule],
  controllers: [YearLocksController],
  providers: [YearLocksService],
})
export class YearLocksModule {}
