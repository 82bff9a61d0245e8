import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AreasService } from './areas.service.js';
import { YearQuery } from '../common/year.js';
import {
  AreaQuery,
  CreateAreaDto,
  TransferAreaDto,
  type AreaDetailView,
  type AreaView,
} from './dto/area.dto.js';

@ApiTags('areas')
@Controller('areas')
export class AreasController {
  constructor(private readonly areas: AreasService) {}

  @Get()
  list(@Query() query: AreaQuery): Promise<AreaView[]> {
    return this.areas.list(query);
  }

  @Get(':code')
  get(@Param('code') code: string, @Query() query: YearQuery): Promise<AreaDetailView> {
    return this.areas.get(code, query.year);
  }

  @Post()
  create(@Body() dto: CreateAreaDto): Promise<AreaDetailView> {
    return this.areas.create(dto);
  }

  @Post(':code/transfers')
  transfer(@Param('code') code: string, @Body() dto: TransferAreaDto): Promise<AreaDetailView> {
    return this.areas.transfer(code, dto);
  }
}
