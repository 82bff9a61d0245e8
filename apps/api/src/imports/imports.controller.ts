import {
  Controller,
  Get,
  HttpCode,
  Param,
  Post,
  Query,
  StreamableFile,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiConsumes, ApiProduces, ApiTags } from '@nestjs/swagger';
import { create as contentDisposition } from 'content-disposition';
import { IMPORT_LIMITS } from '@app/reporting';
import { CurrentUser, Roles } from '../auth/decorators.js';
import type { Principal } from '../auth/principal.js';
import { XLSX_TYPE } from '../reports/reports.service.js';
import { ImportParams, ImportQuery, ImportTarget, type ImportReport } from './dto/import.dto.js';
import { ImportsService } from './imports.service.js';

@ApiTags('imports')
@ApiBearerAuth()
@Roles('admin', 'officer')
@Controller('imports')
export class ImportsController {
  constructor(private readonly imports: ImportsService) {}

  /** The sheet to fill, with its instructions and drop-down lists. */
  @Get('templates/:what.xlsx')
  @ApiProduces(XLSX_TYPE)
  async template(
    @Param() params: ImportParams,
    @Query() target: ImportTarget,
    @CurrentUser() user: Principal,
  ): Promise<StreamableFile> {
    const workbook = await this.imports.template(params.what, target, user);
    const name = `mau-nhap-${params.what}-${target.commune}.xlsx`;
    return new StreamableFile(workbook, { type: XLSX_TYPE, disposition: contentDisposition(name) });
  }

  /** Checks (`dryRun=true`, the default) or applies a filled sheet: all of it, or nothing. */
  @Post(':what')
  @HttpCode(200)
  @ApiConsumes('multipart/form-data')
  @UseInterceptors(
    FileInterceptor('file', { limits: { fileSize: IMPORT_LIMITS.fileBytes, files: 1 } }),
  )
  run(
    @Param() params: ImportParams,
    @Query() query: ImportQuery,
    @UploadedFile() file: { buffer: Buffer; originalname: string } | undefined,
    @CurrentUser() user: Principal,
  ): Promise<ImportReport> {
    return this.imports.run(params.what, query, file, user);
  }
}
