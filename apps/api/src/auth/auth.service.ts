import { Injectable } from '@nestjs/common';
import { Db, UsersRepository, type UserRecord } from '@app/database';
import { JwtService } from '@nestjs/jwt';
import { hash, verify } from '@node-rs/argon2';
import { passwordProblems } from '@app/domain';
import type { SessionUser, SessionView } from '@app/contracts';
import { InvalidInputException } from '../common/app.exception.js';
import { AuditService } from '../audit/audit.service.js';
import { UnauthenticatedException } from './auth.exception.js';
import type { ChangePasswordDto, LoginDto } from './dto/login.dto.js';
import type { Principal, TokenClaims } from './principal.js';

export function sessionUser(account: UserRecord): SessionUser {
  return {
    username: account.username,
    displayName: account.displayName,
    role: account.role,
    scopeAreaCode: account.scopeAreaCode,
    mustChangePassword: account.mustChangePassword,
  };
}

/** The same answer for an unknown user and a wrong password: no hint about which accounts exist. */
export const WRONG_CREDENTIALS = 'Tên đăng nhập hoặc mật khẩu không đúng';

@Injectable()
export class AuthService {
  constructor(
    private readonly db: Db,
    private readonly users: UsersRepository,
    private readonly audit: AuditService,
    private readonly jwt: JwtService,
  ) {}

  async login(dto: LoginDto): Promise<SessionView> {
    const account = await this.users.findByUsername(dto.username.trim().toLowerCase());
    if (!account || !account.active || !(await verify(account.passwordHash, dto.password))) {
      throw new UnauthenticatedException(WRONG_CREDENTIALS);
    }
    return this.session(account, account.tokenVersion);
  }

  async me(user: Principal): Promise<SessionUser> {
    return sessionUser((await this.users.findById(user.id)) as UserRecord);
  }

  /**
   * Replaces the caller's password after checking the one in use; every other session of the
   * account ends, and this one continues with the new token returned.
   */
  async changePassword(user: Principal, dto: ChangePasswordDto): Promise<SessionView> {
    const problems = passwordProblems(dto.newPassword, user.username, 'newPassword');
    if (problems.length > 0) throw InvalidInputException.fromProblems(problems, 'WEAK_PASSWORD');
    return this.db.transactional(async () => {
      const account = (await this.users.findByUsername(user.username)) as UserRecord;
      if (!(await verify(account.passwordHash, dto.currentPassword))) {
        throw new InvalidInputException([
          {
            field: 'currentPassword',
            code: 'WRONG_PASSWORD',
            message: 'currentPassword: mật khẩu đang dùng không đúng',
          },
        ]);
      }
      if (await verify(account.passwordHash, dto.newPassword)) {
        throw new InvalidInputException([
          {
            field: 'newPassword',
            code: 'SAME_PASSWORD',
            message: 'newPassword: mật khẩu mới phải khác mật khẩu đang dùng',
          },
        ]);
      }
      const version = await this.users.update(
        account.id,
        { passwordHash: await hash(dto.newPassword), mustChangePassword: false },
        true,
      );
      await this.audit.record(user, {
        action: 'change-password',
        entity: 'user',
        entityCode: account.username,
        areaId: account.scopeAreaId,
      });
      return this.session({ ...account, mustChangePassword: false }, version);
    });
  }

  private async session(account: UserRecord, version: number): Promise<SessionView> {
    const claims: TokenClaims = { sub: String(account.id), ver: version };
    return { accessToken: await this.jwt.signAsync(claims), user: sessionUser(account) };
  }
}
