import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { DatabaseModule } from '@app/database';
import { AreasModule } from './areas/areas.module.js';
import { AuditModule } from './audit/audit.module.js';
import { AuthModule } from './auth/auth.module.js';
import { CriteriaSetsModule } from './criteria-sets/criteria-sets.module.js';
import { EvaluationsModule } from './evaluations/evaluations.module.js';
import { HealthModule } from './health/health.module.js';
import { ImportsModule } from './imports/imports.module.js';
import { InsightsModule } from './insights/insights.module.js';
import { ProgressModule } from './progress/progress.module.js';
import { RegistriesModule } from './registries/registries.module.js';
import { ReportsModule } from './reports/reports.module.js';
import { ScopeModule } from './scope/scope.module.js';
import { TargetsModule } from './targets/targets.module.js';
import { TrainingModule } from './training/training.module.js';
import { UsersModule } from './users/users.module.js';
import { YearLockChecksModule } from './year-locks/year-lock-checks.module.js';
import { YearLocksModule } from './year-locks/year-locks.module.js';

@Module({})
export class AppModule {
  /** The DataSource is created (and migrated) before Nest starts, so the app, CLI and tests share one. */
  static forDataSource(dataSource: DataSource, jwtSecret: string): DynamicModule {
    return {
      module: AppModule,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => dataSource.options,
          dataSourceFactory: () => Promise.resolve(dataSource),
        }),
        DatabaseModule,
        ScopeModule,
        YearLockChecksModule,
        AuditModule,
        AuthModule.forSecret(jwtSecret),
        HealthModule,
        UsersModule,
        AreasModule,
        RegistriesModule,
        CriteriaSetsModule,
        EvaluationsModule,
        TargetsModule,
        ProgressModule,
        ReportsModule,
        ImportsModule,
        TrainingModule,
        InsightsModule,
        YearLocksModule,
      ],
    };
  }
}
