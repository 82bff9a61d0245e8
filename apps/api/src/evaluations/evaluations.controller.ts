import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../auth/decorators.js';
import type { Principal } from '../auth/principal.js';
import type { EvaluationListRow, WorklistRow } from '@app/contracts';
import type { Page } from '../common/paging.js';
import {
  BulkDto,
  CompletenessQuery,
  EvaluationListQuery,
  WorklistQuery,
  type CompletenessView,
} from './dto/bulk.dto.js';
import {
  CommentDto,
  EvaluationParams,
  ReasonDto,
  RecognitionDto,
  SaveEvaluationDto,
  type EvaluationFormView,
  type EvaluationView,
} from './dto/evaluation.dto.js';
import { EvaluationsService } from './evaluations.service.js';
import { WorkflowService } from './workflow.service.js';

@ApiTags('evaluations')
@ApiBearerAuth()
@Controller('evaluations/:kind/:subjectCode/:year')
export class EvaluationsController {
  constructor(private readonly evaluations: EvaluationsService) {}

  @Get()
  get(@Param() params: EvaluationParams, @CurrentUser() user: Principal): Promise<EvaluationView> {
    return this.evaluations.get(params, user);
  }

  /** What the evaluation form needs: the subject, the criteria set, the dependency figures, the evaluation if any. */
  @Get('form')
  form(
    @Param() params: EvaluationParams,
    @CurrentUser() user: Principal,
  ): Promise<EvaluationFormView> {
    return this.evaluations.form(params, user);
  }

  @Put()
  @Roles('admin', 'officer')
  save(
    @Param() params: EvaluationParams,
    @Body() dto: SaveEvaluationDto,
    @CurrentUser() user: Principal,
  ): Promise<EvaluationView> {
    return this.evaluations.save(params, dto, user);
  }

  @Post('submit')
  @HttpCode(200)
  @Roles('admin', 'officer')
  submit(
    @Param() params: EvaluationParams,
    @CurrentUser() user: Principal,
  ): Promise<EvaluationView> {
    return this.evaluations.submit(params, user);
  }

  @Post('approve')
  @HttpCode(200)
  @Roles('admin', 'reviewer')
  approve(
    @Param() params: EvaluationParams,
    @CurrentUser() user: Principal,
  ): Promise<EvaluationView> {
    return this.evaluations.approve(params, user);
  }

  @Post('return')
  @HttpCode(200)
  @Roles('admin', 'reviewer')
  returnToDraft(
    @Param() params: EvaluationParams,
    @Body() dto: CommentDto,
    @CurrentUser() user: Principal,
  ): Promise<EvaluationView> {
    return this.evaluations.returnToDraft(params, dto.comment, user);
  }

  @Post('recognition')
  @Roles('admin', 'officer')
  recognise(
    @Param() params: EvaluationParams,
    @Body() dto: RecognitionDto,
    @CurrentUser() user: Principal,
  ): Promise<EvaluationView> {
    return this.evaluations.recognise(params, dto, user);
  }

  @Post('reopen')
  @HttpCode(200)
  @Roles('admin', 'reviewer')
  reopen(
    @Param() params: EvaluationParams,
    @Body() dto: ReasonDto,
    @CurrentUser() user: Principal,
  ): Promise<EvaluationView> {
    return this.evaluations.reopen(params, dto.reason, user);
  }
}

@ApiTags('evaluations')
@ApiBearerAuth()
@Controller()
export class WorkflowController {
  constructor(private readonly workflow: WorkflowService) {}

  @Post('evaluations/bulk/submit')
  @HttpCode(200)
  @Roles('admin', 'officer')
  submitAll(@Body() dto: BulkDto, @CurrentUser() user: Principal): Promise<{ moved: number }> {
    return this.workflow.submitAll(dto, user);
  }

  @Post('evaluations/bulk/approve')
  @HttpCode(200)
  @Roles('admin', 'reviewer')
  approveAll(@Body() dto: BulkDto, @CurrentUser() user: Principal): Promise<{ moved: number }> {
    return this.workflow.approveAll(dto, user);
  }

  @Get('evaluations')
  list(
    @Query() query: EvaluationListQuery,
    @CurrentUser() user: Principal,
  ): Promise<Page<EvaluationListRow>> {
    return this.workflow.list(query, user);
  }

  @Get('worklist')
  worklist(
    @Query() query: WorklistQuery,
    @CurrentUser() user: Principal,
  ): Promise<Page<WorklistRow>> {
    return this.workflow.worklist(query, user);
  }

  @Get('completeness')
  completeness(
    @Query() query: CompletenessQuery,
    @CurrentUser() user: Principal,
  ): Promise<CompletenessView> {
    return this.workflow.completeness(query, user);
  }
}
