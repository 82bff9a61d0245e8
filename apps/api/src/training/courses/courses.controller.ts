import { Body, Controller, Get, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../../auth/decorators.js';
import type { Principal } from '../../auth/principal.js';
import type { Page } from '../../common/paging.js';
import { CodeParams } from '../../common/params.js';
import { CoursesService } from './courses.service.js';
import {
  CourseQuery,
  CreateCourseDto,
  PutAttendanceDto,
  UpdateCourseDto,
  type CourseDetailView,
  type CourseView,
} from './dto/course.dto.js';

@ApiTags('training')
@ApiBearerAuth()
@Controller('courses')
export class CoursesController {
  constructor(private readonly courses: CoursesService) {}

  @Get()
  list(@Query() query: CourseQuery, @CurrentUser() user: Principal): Promise<Page<CourseView>> {
    return this.courses.list(query, user);
  }

  @Get(':code')
  get(@Param() { code }: CodeParams, @CurrentUser() user: Principal): Promise<CourseDetailView> {
    return this.courses.get(code, user);
  }

  @Post()
  @Roles('admin', 'officer', 'reviewer')
  create(@Body() dto: CreateCourseDto, @CurrentUser() user: Principal): Promise<CourseDetailView> {
    return this.courses.create(dto, user);
  }

  @Put(':code')
  @Roles('admin', 'officer', 'reviewer')
  update(
    @Param() { code }: CodeParams,
    @Body() dto: UpdateCourseDto,
    @CurrentUser() user: Principal,
  ): Promise<CourseDetailView> {
    return this.courses.update(code, dto, user);
  }

  @Put(':code/attendance')
  @Roles('admin', 'officer', 'reviewer')
  attendance(
    @Param() { code }: CodeParams,
    @Body() dto: PutAttendanceDto,
    @CurrentUser() user: Principal,
  ): Promise<{ created: number; updated: number; unchanged: number }> {
    return this.courses.putAttendance(code, dto, user);
  }
}
