import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { ClanView, HouseholdView, UnitView } from '@app/database';
import type { Page } from '../common/paging.js';
import { RegistriesService } from './registries.service.js';
import {
  CreateClanDto,
  CreateHouseholdDto,
  CreateUnitDto,
  DeactivateDto,
  HouseholdQuery,
  RegistryQuery,
  UnitQuery,
  UpdateClanDto,
  UpdateHouseholdDto,
  UpdateUnitDto,
} from './dto/registry.dto.js';

type HouseholdBody = Omit<HouseholdView, 'id'>;
type ClanBody = Omit<ClanView, 'id'>;
type UnitBody = Omit<UnitView, 'id'>;

@ApiTags('households')
@Controller('households')
export class HouseholdsController {
  constructor(private readonly registries: RegistriesService) {}

  @Get()
  list(@Query() query: HouseholdQuery): Promise<Page<HouseholdBody>> {
    return this.registries.listHouseholds(query);
  }

  @Get(':code')
  get(@Param('code') code: string): Promise<HouseholdBody> {
    return this.registries.getHousehold(code);
  }

  @Post()
  create(@Body() dto: CreateHouseholdDto): Promise<HouseholdBody> {
    return this.registries.createHousehold(dto);
  }

  @Patch(':code')
  update(@Param('code') code: string, @Body() dto: UpdateHouseholdDto): Promise<HouseholdBody> {
    return this.registries.updateHousehold(code, dto);
  }

  @Post(':code/deactivation')
  deactivate(@Param('code') code: string, @Body() dto: DeactivateDto): Promise<HouseholdBody> {
    return this.registries.deactivateHousehold(code, dto);
  }
}

@ApiTags('clans')
@Controller('clans')
export class ClansController {
  constructor(private readonly registries: RegistriesService) {}

  @Get()
  list(@Query() query: RegistryQuery): Promise<Page<ClanBody>> {
    return this.registries.listClans(query);
  }

  @Get(':code')
  get(@Param('code') code: string): Promise<ClanBody> {
    return this.registries.getClan(code);
  }

  @Post()
  create(@Body() dto: CreateClanDto): Promise<ClanBody> {
    return this.registries.createClan(dto);
  }

  @Patch(':code')
  update(@Param('code') code: string, @Body() dto: UpdateClanDto): Promise<ClanBody> {
    return this.registries.updateClan(code, dto);
  }

  @Post(':code/deactivation')
  deactivate(@Param('code') code: string, @Body() dto: DeactivateDto): Promise<ClanBody> {
    return this.registries.deactivateClan(code, dto);
  }
}

@ApiTags('units')
@Controller('units')
export class UnitsController {
  constructor(private readonly registries: RegistriesService) {}

  @Get()
  list(@Query() query: UnitQuery): Promise<Page<UnitBody>> {
    return this.registries.listUnits(query);
  }

  @Get(':code')
  get(@Param('code') code: string): Promise<UnitBody> {
    return this.registries.getUnit(code);
  }

  @Post()
  create(@Body() dto: CreateUnitDto): Promise<UnitBody> {
    return this.registries.createUnit(dto);
  }

  @Patch(':code')
  update(@Param('code') code: string, @Body() dto: UpdateUnitDto): Promise<UnitBody> {
    return this.registries.updateUnit(code, dto);
  }

  @Post(':code/deactivation')
  deactivate(@Param('code') code: string, @Body() dto: DeactivateDto): Promise<UnitBody> {
    return this.registries.deactivateUnit(code, dto);
  }
}
