import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { verify } from '@node-rs/argon2';
import { AccessRepository } from '@app/database';
import { UnauthenticatedException } from './auth.exception.js';
import type { LoginDto } from './dto/login.dto.js';
import type { Principal } from './principal.js';

@Injectable()
export class AuthService {
  constructor(
    private readonly access: AccessRepository,
    private readonly jwt: JwtService,
  ) {}

  async login(
    dto: LoginDto,
  ): Promise<{ accessToken: string; user: Omit<Principal, 'id' | 'scopeAreaId'> }> {
    const user = await this.access.findUserForLogin(dto.username.trim().toLowerCase());
    // The same answer for an unknown user and a wrong password: no hint about which accounts exist.
    if (!user || !user.active || !(await verify(user.passwordHash, dto.password))) {
      throw new UnauthenticatedException('Tên đăng nhập hoặc mật khẩu không đúng');
    }
    const principal: Principal = {
      id: user.id,
      username: user.username,
      role: user.role,
      scopeAreaId: user.scopeAreaId,
      scopeAreaCode: user.scopeAreaCode,
    };
    return {
      accessToken: await this.jwt.signAsync(principal),
      user: { username: user.username, role: user.role, scopeAreaCode: user.scopeAreaCode },
    };
  }
}
