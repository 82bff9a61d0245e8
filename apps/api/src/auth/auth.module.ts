import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { AccessService } from './access.service.js';
import { AuthController } from './auth.controller.js';
import { AuthGuard } from './auth.guard.js';
import { AuthService } from './auth.service.js';

@Global()
@Module({})
export class AuthModule {
  static forSecret(secret: string) {
    return {
      module: AuthModule,
      imports: [JwtModule.register({ secret, signOptions: { expiresIn: '8h' } })],
      controllers: [AuthController],
      providers: [AuthService, AccessService, { provide: APP_GUARD, useClass: AuthGuard }],
      exports: [AccessService],
    };
  }
}
