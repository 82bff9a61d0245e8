import { Controller, Get, Param, Query, StreamableFile } from '@nestjs/common';
import { ApiProduces, ApiTags } from '@nestjs/swagger';
import { RequiredYearQuery } from '../common/year.js';
import { ReportsService, XLSX_TYPE } from './reports.service.js';

@ApiTags('reports')
@Controller('reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  /** The district (or province) summary: one row per commune, the total, the trend and the chart. */
  @Get('areas/:code.xlsx')
  @ApiProduces(XLSX_TYPE)
  async area(
    @Param('code') code: string,
    @Query() query: RequiredYearQuery,
  ): Promise<StreamableFile> {
    const file = await this.reports.areaWorkbook(code, query.year);
    return new StreamableFile(file.stream, { type: XLSX_TYPE, disposition: file.disposition });
  }

  /** The commune's workbook: its summary per hamlet, then the list of every subject of each kind. */
  @Get('communes/:code.xlsx')
  @ApiProduces(XLSX_TYPE)
  async commune(
    @Param('code') code: string,
    @Query() query: RequiredYearQuery,
  ): Promise<StreamableFile> {
    const file = await this.reports.communeWorkbook(code, query.year);
    return new StreamableFile(file.stream, { type: XLSX_TYPE, disposition: file.disposition });
  }
}
