import { Body, Controller, Delete, Get, Param, Post, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { EvaluationsService } from './evaluations.service.js';
import {
  EvaluationParams,
  RecognitionDto,
  SaveEvaluationDto,
  type EvaluationView,
} from './dto/evaluation.dto.js';

@ApiTags('evaluations')
@Controller('evaluations/:kind/:subjectCode/:year')
export class EvaluationsController {
  constructor(private readonly evaluations: EvaluationsService) {}

  @Get()
  get(@Param() params: EvaluationParams): Promise<EvaluationView> {
    return this.evaluations.get(params);
  }

  @Put()
  save(@Param() params: EvaluationParams, @Body() dto: SaveEvaluationDto): Promise<EvaluationView> {
    return this.evaluations.save(params, dto);
  }

  @Post('recognition')
  recognise(
    @Param() params: EvaluationParams,
    @Body() dto: RecognitionDto,
  ): Promise<EvaluationView> {
    return this.evaluations.recognise(params, dto);
  }

  @Delete('recognition')
  revoke(@Param() params: EvaluationParams): Promise<EvaluationView> {
    return this.evaluations.revokeRecognition(params);
  }
}
