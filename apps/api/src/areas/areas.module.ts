import { Module } from '@nestjs/common';
import { AreasRepository } from '@app/database';
import { AreasController } from './areas.controller.js';
import { AreasService } from './areas.service.js';

@Module({
  controllers: [AreasController],
  providers: [AreasService, AreasRepository],
  exports: [AreasService],
})
export class AreasModule {}
