import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../auth/decorators.js';
import type { Principal } from '../auth/principal.js';
import { YearQuery } from '../common/year.js';
import { AreasService } from './areas.service.js';
import {
  AreaQuery,
  CreateAreaDto,
  TransferAreaDto,
  type AreaDetailView,
  type AreaView,
} from './dto/area.dto.js';
import { CodeParams } from '../common/params.js';

@ApiTags('areas')
@ApiBearerAuth()
@Controller('areas')
export class AreasController {
  constructor(private readonly areas: AreasService) {}

  @Get()
  list(@Query() query: AreaQuery, @CurrentUser() user: Principal): Promise<AreaView[]> {
    return this.areas.list(query, user);
  }

  @Get(':code')
  get(
    @Param() { code }: CodeParams,
    @Query() query: YearQuery,
    @CurrentUser() user: Principal,
  ): Promise<AreaDetailView> {
    return this.areas.get(code, query.year, user);
  }

  @Post()
  @Roles('admin')
  create(@Body() dto: CreateAreaDto, @CurrentUser() user: Principal): Promise<AreaDetailView> {
    return this.areas.create(dto, user);
  }

  @Post(':code/transfers')
  @Roles('admin')
  transfer(
    @Param() { code }: CodeParams,
    @Body() dto: TransferAreaDto,
    @CurrentUser() user: Principal,
  ): Promise<AreaDetailView> {
    return this.areas.transfer(code, dto, user);
  }
}
