import { Module } from '@nestjs/common';
import { CriteriaSetsModule } from '../criteria-sets/criteria-sets.module.js';
import { ImportsController } from './imports.controller.js';
import { ImportsService } from './imports.service.js';

@Module({
  imports: [CriteriaSetsModule],
  controllers: [ImportsController],
  providers: [ImportsService],
  exports: [ImportsService],
})
export class ImportsModule {}
