import { Global, Module } from '@nestjs/common';
import { YearLockChecks } from './year-lock-checks.service.js';

@Global()
@Module({ providers: [YearLockChecks], exports: [YearLockChecks] })
export class YearLockChecksModule {}
