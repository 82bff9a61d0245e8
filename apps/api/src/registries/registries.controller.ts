import {
  Body,
  Controller,
  Get,
  Injectable,
  Param,
  Patch,
  Post,
  Query,
  type Type,
} from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { RegistryKind } from '@app/domain';
import { CurrentUser, Roles } from '../auth/decorators.js';
import type { Principal } from '../auth/principal.js';
import type { Page } from '../common/paging.js';
import { CodeParams } from '../common/params.js';
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
  type RegistryDtos,
  type RegistryListQuery,
} from './dto/registry.dto.js';

type Dtos<K extends RegistryKind> = RegistryDtos[K];

/**
 * The routes of one registry. Nest validates, and Swagger documents, a handler's query and body
 * by the classes in its design-time parameter types; a handler shared by the registries cannot
 * name them, so each registry's own classes are set on its handlers here.
 */
function registryController<K extends RegistryKind>(
  kind: K,
  classes: {
    query: Type<Dtos<K>['query']>;
    create: Type<Dtos<K>['create']>;
    update: Type<Dtos<K>['update']>;
  },
) {
  // Decorated so that its constructor's parameter types are recorded for the controllers below.
  @Injectable()
  class RegistryController {
    constructor(readonly registries: RegistriesService) {}

    @Get()
    list(
      @Query() query: RegistryListQuery,
      @CurrentUser() user: Principal,
    ): Promise<Page<Dtos<K>['view']>> {
      return this.registries.list(kind, query, user);
    }

    @Get(':code')
    get(@Param() { code }: CodeParams, @CurrentUser() user: Principal): Promise<Dtos<K>['view']> {
      return this.registries.get(kind, code, user);
    }

    @Post()
    @Roles('admin', 'officer')
    create(
      @Body() dto: Dtos<K>['create'],
      @CurrentUser() user: Principal,
    ): Promise<Dtos<K>['view']> {
      return this.registries.create(kind, dto, user);
    }

    @Patch(':code')
    @Roles('admin', 'officer')
    update(
      @Param() { code }: CodeParams,
      @Body() dto: Partial<Dtos<K>['create']>,
      @CurrentUser() user: Principal,
    ): Promise<Dtos<K>['view']> {
      return this.registries.update(kind, code, dto, user);
    }

    @Post(':code/deactivation')
    @Roles('admin', 'officer')
    deactivate(
      @Param() { code }: CodeParams,
      @Body() dto: DeactivateDto,
      @CurrentUser() user: Principal,
    ): Promise<Dtos<K>['view']> {
      return this.registries.deactivate(kind, code, dto, user);
    }
  }
  const parameters: Record<string, unknown[]> = {
    list: [classes.query, Object],
    create: [classes.create, Object],
    update: [CodeParams, classes.update, Object],
  };
  for (const [handler, types] of Object.entries(parameters))
    Reflect.defineMetadata('design:paramtypes', types, RegistryController.prototype, handler);
  return RegistryController;
}

@ApiTags('households')
@ApiBearerAuth()
@Controller('households')
export class HouseholdsController extends registryController('households', {
  query: HouseholdQuery,
  create: CreateHouseholdDto,
  update: UpdateHouseholdDto,
}) {}

@ApiTags('clans')
@ApiBearerAuth()
@Controller('clans')
export class ClansController extends registryController('clans', {
  query: RegistryQuery,
  create: CreateClanDto,
  update: UpdateClanDto,
}) {}

@ApiTags('units')
@ApiBearerAuth()
@Controller('units')
export class UnitsController extends registryController('units', {
  query: UnitQuery,
  create: CreateUnitDto,
  update: UpdateUnitDto,
}) {}
