import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CriteriaSetsService, type CriteriaSetBody } from './criteria-sets.service.js';
import { CreateCriteriaSetDto, CriteriaSetQuery } from './dto/criteria-set.dto.js';

@ApiTags('criteria-sets')
@Controller('criteria-sets')
export class CriteriaSetsController {
  constructor(private readonly sets: CriteriaSetsService) {}

  @Get()
  list(@Query() query: CriteriaSetQuery): Promise<CriteriaSetBody[]> {
    return this.sets.list(query);
  }

  @Post()
  create(@Body() dto: CreateCriteriaSetDto): Promise<CriteriaSetBody> {
    return this.sets.create(dto);
  }
}
