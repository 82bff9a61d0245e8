import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../auth/decorators.js';
import type { Principal } from '../auth/principal.js';
import { IsCode, IsDateOnly, Optional } from '../common/rules.js';
import { AuditService } from './audit.service.js';

export class AuditQuery {
  @ApiPropertyOptional({ example: 'evaluation.family' })
  @Optional()
  @IsCode()
  entity?: string;

  @ApiPropertyOptional({ description: 'Code of the household, clan, unit, area, plan or user' })
  @Optional()
  @IsCode()
  code?: string;

  @ApiPropertyOptional({ example: '2020-01-01', format: 'date' })
  @Optional()
  @IsDateOnly()
  from?: string;

  @ApiPropertyOptional({ example: '2020-12-31', format: 'date' })
  @Optional()
  @IsDateOnly()
  to?: string;
}

const AUDIT_PAGE = 500;

@ApiTags('audit')
@ApiBearerAuth()
@Roles('admin', 'reviewer')
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  /** The latest changes in the caller's scope first, at most 500: who, when, what, before and after. */
  @Get()
  trail(@Query() query: AuditQuery, @CurrentUser() user: Principal): Promise<unknown[]> {
    return this.audit.trail({ ...query, withinAreaId: user.scopeAreaId, limit: AUDIT_PAGE });
  }
}
