import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ProgressService } from './progress.service.js';
import { ProgressQuery, type ProgressView } from './dto/progress.dto.js';

@ApiTags('progress')
@Controller('progress')
export class ProgressController {
  constructor(private readonly progress: ProgressService) {}

  @Get()
  forArea(@Query() query: ProgressQuery): Promise<ProgressView> {
    return this.progress.forArea(query);
  }
}
