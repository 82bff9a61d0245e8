import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../auth/decorators.js';
import type { Principal } from '../auth/principal.js';
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
import { CodeParams } from '../common/params.js';

type HouseholdBody = Omit<HouseholdView, 'id'>;
type ClanBody = Omit<ClanView, 'id'>;
type UnitBody = Omit<UnitView, 'id'>;

@ApiTags('households')
@ApiBearerAuth()
@Controller('households')
export class HouseholdsController {
  constructor(private readonly registries: RegistriesService) {}

  @Get()
  list(
    @Query() query: HouseholdQuery,
    @CurrentUser() user: Principal,
  ): Promise<Page<HouseholdBody>> {
    return this.registries.listHouseholds(query, user);
  }

  @Get(':code')
  get(@Param() { code }: CodeParams, @CurrentUser() user: Principal): Promise<HouseholdBody> {
    return this.registries.getHousehold(code, user);
  }

  @Post()
  @Roles('admin', 'officer')
  create(@Body() dto: CreateHouseholdDto, @CurrentUser() user: Principal): Promise<HouseholdBody> {
    return this.registries.createHousehold(dto, user);
  }

  @Patch(':code')
  @Roles('admin', 'officer')
  update(
    @Param() { code }: CodeParams,
    @Body() dto: UpdateHouseholdDto,
    @CurrentUser() user: Principal,
  ): Promise<HouseholdBody> {
    return this.registries.updateHousehold(code, dto, user);
  }

  @Post(':code/deactivation')
  @Roles('admin', 'officer')
  deactivate(
    @Param() { code }: CodeParams,
    @Body() dto: DeactivateDto,
    @CurrentUser() user: Principal,
  ): Promise<HouseholdBody> {
    return this.registries.deactivateHousehold(code, dto, user);
  }
}

@ApiTags('clans')
@ApiBearerAuth()
@Controller('clans')
export class ClansController {
  constructor(private readonly registries: RegistriesService) {}

  @Get()
  list(@Query() query: RegistryQuery, @CurrentUser() user: Principal): Promise<Page<ClanBody>> {
    return this.registries.listClans(query, user);
  }

  @Get(':code')
  get(@Param() { code }: CodeParams, @CurrentUser() user: Principal): Promise<ClanBody> {
    return this.registries.getClan(code, user);
  }

  @Post()
  @Roles('admin', 'officer')
  create(@Body() dto: CreateClanDto, @CurrentUser() user: Principal): Promise<ClanBody> {
    return this.registries.createClan(dto, user);
  }

  @Patch(':code')
  @Roles('admin', 'officer')
  update(
    @Param() { code }: CodeParams,
    @Body() dto: UpdateClanDto,
    @CurrentUser() user: Principal,
  ): Promise<ClanBody> {
    return this.registries.updateClan(code, dto, user);
  }

  @Post(':code/deactivation')
  @Roles('admin', 'officer')
  deactivate(
    @Param() { code }: CodeParams,
    @Body() dto: DeactivateDto,
    @CurrentUser() user: Principal,
  ): Promise<ClanBody> {
    return this.registries.deactivateClan(code, dto, user);
  }
}

@ApiTags('units')
@ApiBearerAuth()
@Controller('units')
export class UnitsController {
  constructor(private readonly registries: RegistriesService) {}

  @Get()
  list(@Query() query: UnitQuery, @CurrentUser() user: Principal): Promise<Page<UnitBody>> {
    return this.registries.listUnits(query, user);
  }

  @Get(':code')
  get(@Param() { code }: CodeParams, @CurrentUser() user: Principal): Promise<UnitBody> {
    return this.registries.getUnit(code, user);
  }

  @Post()
  @Roles('admin', 'officer')
  create(@Body() dto: CreateUnitDto, @CurrentUser() user: Principal): Promise<UnitBody> {
    return this.registries.createUnit(dto, user);
  }

  @Patch(':code')
  @Roles('admin', 'officer')
  update(
    @Param() { code }: CodeParams,
    @Body() dto: UpdateUnitDto,
    @CurrentUser() user: Principal,
  ): Promise<UnitBody> {
    return this.registries.updateUnit(code, dto, user);
  }

  @Post(':code/deactivation')
  @Roles('admin', 'officer')
  deactivate(
    @Param() { code }: CodeParams,
    @Body() dto: DeactivateDto,
    @CurrentUser() user: Principal,
  ): Promise<UnitBody> {
    return this.registries.deactivateUnit(code, dto, user);
  }
}
