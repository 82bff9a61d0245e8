import { Module } from '@nestjs/common';
import { YearLocksController } from './year-locks.controller.js';
import { YearLocksService } from './year-locks.service.js';

@Module({
  controllers: [YearLocksController],
  providers: [YearLocksService],
})
export class YearLocksModule {}
