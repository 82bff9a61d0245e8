import { Module } from '@nestjs/common';
import { AreasModule } from '../areas/areas.module.js';
import { ClansController, HouseholdsController, UnitsController } from './registries.controller.js';
import { RegistriesService } from './registries.service.js';

@Module({
  imports: [AreasModule],
  controllers: [HouseholdsController, ClansController, UnitsController],
  providers: [RegistriesService],
})
export class RegistriesModule {}
