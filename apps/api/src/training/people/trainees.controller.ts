import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../../auth/decorators.js';
import type { Principal } from '../../auth/principal.js';
import type { Page } from '../../common/paging.js';
import { CodeParams } from '../../common/params.js';
import { TraineesService } from './trainees.service.js';
import {
  CreateTraineeDto,
  PostingDto,
  TraineeQuery,
  UpdateTraineeDto,
  type TraineeDetailView,
  type TraineeView,
} from './dto/trainee.dto.js';

@ApiTags('training')
@ApiBearerAuth()
@Controller('trainees')
export class TraineesController {
  constructor(private readonly trainees: TraineesService) {}

  @Get()
  list(@Query() query: TraineeQuery, @CurrentUser() user: Principal): Promise<Page<TraineeView>> {
    return this.trainees.list(query, user);
  }

  @Get(':code')
  get(@Param() { code }: CodeParams, @CurrentUser() user: Principal): Promise<TraineeDetailView> {
    return this.trainees.get(code, user);
  }

  @Post()
  @Roles('admin', 'officer', 'reviewer')
  create(
    @Body() dto: CreateTraineeDto,
    @CurrentUser() user: Principal,
  ): Promise<TraineeDetailView> {
    return this.trainees.create(dto, user);
  }

  @Patch(':code')
  @Roles('admin', 'officer', 'reviewer')
  update(
    @Param() { code }: CodeParams,
    @Body() dto: UpdateTraineeDto,
    @CurrentUser() user: Principal,
  ): Promise<TraineeDetailView> {
    return this.trainees.update(code, dto, user);
  }

  /** A new post or a move to another place; the current posting ends the day before. */
  @Post(':code/postings')
  @Roles('admin', 'officer', 'reviewer')
  post(
    @Param() { code }: CodeParams,
    @Body() dto: PostingDto,
    @CurrentUser() user: Principal,
  ): Promise<TraineeDetailView> {
    return this.trainees.startPosting(code, dto, user);
  }
}
