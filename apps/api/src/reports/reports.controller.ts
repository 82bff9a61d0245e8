import { Controller, Get, Param, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../auth/decorators.js';
import type { Principal } from '../auth/principal.js';
import { RequiredYearQuery } from '../common/year.js';
import { ReportsService, XLSX_TYPE } from './reports.service.js';
import { CodeParams } from '../common/params.js';

@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  /** The district (or province) summary: one row per commune, the total, the trend and the chart. */
  @Get('areas/:code.xlsx')
  @ApiProduces(XLSX_TYPE)
  async area(
    @Param() { code }: CodeParams,
    @Query() query: RequiredYearQuery,
    @CurrentUser() user: Principal,
  ): Promise<StreamableFile> {
    const file = await this.reports.areaWorkbook(code, query.year, user);
    return new StreamableFile(file.stream, { type: XLSX_TYPE, disposition: file.disposition });
  }

  /** The commune's workbook: its summary per hamlet, then the list of every subject of each kind. */
  @Get('communes/:code.xlsx')
  @ApiProduces(XLSX_TYPE)
  async commune(
    @Param() { code }: CodeParams,
    @Query() query: RequiredYearQuery,
    @CurrentUser() user: Principal,
  ): Promise<StreamableFile> {
    const file = await this.reports.communeWorkbook(code, query.year, user);
    return new StreamableFile(file.stream, { type: XLSX_TYPE, disposition: file.disposition });
  }
}
