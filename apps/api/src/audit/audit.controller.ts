import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, Length } from 'class-validator';
import { AccessRepository } from '@app/database';
import { Roles } from '../auth/decorators.js';

export class AuditQuery {
  @ApiPropertyOptional({ example: 'evaluation.family' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  entity?: string;

  @ApiPropertyOptional({ description: 'Code of the household, clan, unit, area, plan or user' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  code?: string;

  @ApiPropertyOptional({ example: '2020-01-01' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'from phải là ngày dạng YYYY-MM-DD' })
  from?: string;

  @ApiPropertyOptional({ example: '2020-12-31' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'to phải là ngày dạng YYYY-MM-DD' })
  to?: string;
}

const AUDIT_PAGE = 500;

@ApiTags('audit')
@ApiBearerAuth()
@Roles('admin', 'reviewer')
@Controller('audit')
export class AuditController {
  constructor(private readonly access: AccessRepository) {}

  /** The latest changes first, at most 500: who, when, what, before and after. */
  @Get()
  trail(@Query() query: AuditQuery): Promise<unknown[]> {
    return this.access.auditTrail({ ...query, limit: AUDIT_PAGE });
  }
}
