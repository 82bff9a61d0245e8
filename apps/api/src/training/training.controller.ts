import { Body, Controller, Get, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../auth/decorators.js';
import type { Principal } from '../auth/principal.js';
import type { Page } from '../common/paging.js';
import { ProgressQuery } from '../progress/dto/progress.dto.js';
import { TrainingService } from './training.service.js';
import type { TrainingProgressView } from '@app/contracts';
import {
  CourseQuery,
  CreateCourseDto,
  PutAttendanceDto,
  UpdateCourseDto,
  type CourseDetailView,
  type CourseView,
} from './courses/dto/course.dto.js';
import {
  CreateTraineeDto,
  PostingDto,
  TraineeQuery,
  UpdateTraineeDto,
  type TraineeDetailView,
  type TraineeView,
} from './people/dto/trainee.dto.js';
import { CodeParams } from '../common/params.js';

@ApiTags('training')
@ApiBearerAuth()
@Controller('trainees')
export class TraineesController {
  constructor(private readonly training: TrainingService) {}

  @Get()
  list(@Query() query: TraineeQuery, @CurrentUser() user: Principal): Promise<Page<TraineeView>> {
    return this.training.listTrainees(query, user);
  }

  @Get(':code')
  get(@Param() { code }: CodeParams, @CurrentUser() user: Principal): Promise<TraineeDetailView> {
    return this.training.getTrainee(code, user);
  }

  @Post()
  @Roles('admin', 'officer', 'reviewer')
  create(
    @Body() dto: CreateTraineeDto,
    @CurrentUser() user: Principal,
  ): Promise<TraineeDetailView> {
    return this.training.createTrainee(dto, user);
  }

  @Patch(':code')
  @Roles('admin', 'officer', 'reviewer')
  update(
    @Param() { code }: CodeParams,
    @Body() dto: UpdateTraineeDto,
    @CurrentUser() user: Principal,
  ): Promise<TraineeDetailView> {
    return this.training.updateTrainee(code, dto, user);
  }

  /** A new post or a move to another place; the current posting ends the day before. */
  @Post(':code/postings')
  @Roles('admin', 'officer', 'reviewer')
  post(
    @Param() { code }: CodeParams,
    @Body() dto: PostingDto,
    @CurrentUser() user: Principal,
  ): Promise<TraineeDetailView> {
    return this.training.startPosting(code, dto, user);
  }
}

@ApiTags('training')
@ApiBearerAuth()
@Controller('courses')
export class CoursesController {
  constructor(private readonly training: TrainingService) {}

  @Get()
  list(@Query() query: CourseQuery, @CurrentUser() user: Principal): Promise<Page<CourseView>> {
    return this.training.listCourses(query, user);
  }

  @Get(':code')
  get(@Param() { code }: CodeParams, @CurrentUser() user: Principal): Promise<CourseDetailView> {
    return this.training.getCourse(code, user);
  }

  @Post()
  @Roles('admin', 'officer', 'reviewer')
  create(@Body() dto: CreateCourseDto, @CurrentUser() user: Principal): Promise<CourseDetailView> {
    return this.training.createCourse(dto, user);
  }

  @Put(':code')
  @Roles('admin', 'officer', 'reviewer')
  update(
    @Param() { code }: CodeParams,
    @Body() dto: UpdateCourseDto,
    @CurrentUser() user: Principal,
  ): Promise<CourseDetailView> {
    return this.training.updateCourse(code, dto, user);
  }

  @Put(':code/attendance')
  @Roles('admin', 'officer', 'reviewer')
  attendance(
    @Param() { code }: CodeParams,
    @Body() dto: PutAttendanceDto,
    @CurrentUser() user: Principal,
  ): Promise<{ created: number; updated: number; unchanged: number }> {
    return this.training.putAttendance(code, dto, user);
  }
}

@ApiTags('progress')
@ApiBearerAuth()
@Controller('progress')
export class TrainingProgressController {
  constructor(private readonly training: TrainingService) {}

  /** The trained share of each group per commune, against the plan's training targets. */
  @Get('training')
  progress(
    @Query() query: ProgressQuery,
    @CurrentUser() user: Principal,
  ): Promise<TrainingProgressView> {
    return this.training.progress(query, user);
  }
}
