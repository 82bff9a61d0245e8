import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { hash } from '@node-rs/argon2';
import { DataSource } from 'typeorm';
import { normalizeText } from '@app/domain';
import { AccessRepository, type UserView } from '@app/database';
import { AreasService } from '../areas/areas.service.js';
import { AccessService } from '../auth/access.service.js';
import type { Principal } from '../auth/principal.js';
import { ConflictException, InvalidInputException } from '../common/app.exception.js';
import type { CreateUserDto } from './dto/user.dto.js';

const SYSTEM: Principal = {
  id: 0,
  username: 'system',
  role: 'admin',
  scopeAreaId: null,
  scopeAreaCode: null,
};

@Injectable()
export class UsersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: AccessRepository,
    private readonly accessService: AccessService,
    private readonly areas: AreasService,
  ) {}

  list(): Promise<UserView[]> {
    return this.access.listUsers();
  }

  async create(dto: CreateUserDto, by: Principal = SYSTEM): Promise<UserView> {
    if (dto.role !== 'admin' && !dto.scopeAreaCode) {
      throw new InvalidInputException([
        {
          field: 'scopeAreaCode',
          code: 'SCOPE_REQUIRED',
          message: 'scopeAreaCode: cần địa bàn phụ trách cho vai trò này',
        },
      ]);
    }
    await this.dataSource.transaction(async (manager) => {
      if (await this.access.findUserForLogin(dto.username)) {
        throw new ConflictException(
          'DUPLICATE_CODE',
          `username: tài khoản "${dto.username}" đã tồn tại`,
        );
      }
      const scope = await this.areas.optional(dto.scopeAreaCode, 'scopeAreaCode', manager);
      if (scope) await this.accessService.assertArea(by, scope.id, undefined, manager);
      await this.access.insertUser(manager, {
        username: dto.username,
        displayName: normalizeText(dto.displayName),
        passwordHash: await hash(dto.password),
        role: dto.role,
        scopeAreaId: scope?.id ?? null,
      });
      await this.accessService.audit(manager, by, {
        action: 'create',
        entity: 'user',
        entityCode: dto.username,
        after: { username: dto.username, role: dto.role, scopeAreaCode: dto.scopeAreaCode ?? null },
      });
    });
    return (await this.access.listUsers()).find(
      (user) => user.username === dto.username,
    ) as UserView;
  }

  /**
   * The first administrator of an installation that has none (the demo accounts are no
   * administrators): from ADMIN_PASSWORD, or a generated password returned to be printed once.
   */
  async ensureAdmin(
    password: string | undefined,
  ): Promise<{ created: boolean; generated?: string }> {
    if ((await this.access.countAdmins()) > 0) return { created: false };
    const generated = password ? undefined : randomBytes(15).toString('base64url');
    await this.create({
      username: 'admin',
      displayName: 'Quản trị hệ thống',
      password: password ?? (generated as string),
      role: 'admin',
    });
    return { created: true, generated };
  }
}
