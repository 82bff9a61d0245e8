import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../auth/decorators.js';
import type { Principal } from '../auth/principal.js';
import { CriteriaSetsService, type CriteriaSetBody } from './criteria-sets.service.js';
import { CreateCriteriaSetDto, CriteriaSetQuery } from './dto/criteria-set.dto.js';

@ApiTags('criteria-sets')
@ApiBearerAuth()
@Controller('criteria-sets')
export class CriteriaSetsController {
  constructor(private readonly sets: CriteriaSetsService) {}

  @Get()
  list(@Query() query: CriteriaSetQuery): Promise<CriteriaSetBody[]> {
    return this.sets.list(query);
  }

  @Post()
  @Roles('admin')
  create(
    @Body() dto: CreateCriteriaSetDto,
    @CurrentUser() user: Principal,
  ): Promise<CriteriaSetBody> {
    return this.sets.create(dto, user);
  }
}
