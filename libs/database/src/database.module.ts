import { Global, Module } from '@nestjs/common';
import { Db } from './db.js';
import {
  AuditRepository,
  AreasRepository,
  CriteriaSetsRepository,
  EvaluationsRepository,
  ImportsRepository,
  InsightsRepository,
  ProgressRepository,
  RegistryRepository,
  ReportsRepository,
  TargetsRepository,
  CoursesRepository,
  TraineesRepository,
  TrainingProgressRepository,
  UsersRepository,
  WorkflowRepository,
  YearLocksRepository,
  AreaTreeRepository,
} from './repositories/index.js';

const REPOSITORIES = [
  Db,
  AuditRepository,
  AreasRepository,
  CriteriaSetsRepository,
  EvaluationsRepository,
  ImportsRepository,
  InsightsRepository,
  ProgressRepository,
  RegistryRepository,
  ReportsRepository,
  TargetsRepository,
  CoursesRepository,
  TraineesRepository,
  TrainingProgressRepository,
  UsersRepository,
  WorkflowRepository,
  YearLocksRepository,
  AreaTreeRepository,
];

/** Every repository, provided once for the whole app: features inject them, never provide them. */
@Global()
@Module({ providers: REPOSITORIES, exports: REPOSITORIES })
export class DatabaseModule {}
