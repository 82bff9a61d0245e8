import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Db, UsersRepository, type AreaContextRow, type UserRecord } from '@app/database';
import { hash } from '@node-rs/argon2';
import {
  accountChangeProblems,
  foldForSearch,
  normalizeText,
  passwordProblems,
  type AccountChange,
  type ScopePlacement,
} from '@app/domain';
import type { PasswordResetView, UserView } from '@app/contracts';
import { AreasService } from '../areas/areas.service.js';
import { ScopeService } from '../scope/scope.service.js';
import { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../auth/principal.js';
import { InvalidInputException } from '../common/app.exception.js';
import type { Page } from '../common/paging.js';
import type { CreateUserDto, DeactivateUserDto, UpdateUserDto, UserQuery } from './dto/user.dto.js';
import {
  AccountChangeRefusedException,
  AccountStateException,
  UsernameTakenException,
  UserNotFoundException,
} from './users.exception.js';

/** The installation itself, for the first administrator. */
const SYSTEM: Principal = {
  id: 0,
  username: 'system',
  role: 'admin',
  scopeAreaId: null,
  scopeAreaCode: null,
};

function view({
  id: _id,
  scopeAreaId: _scope,
  passwordHash: _hash,
  tokenVersion: _version,
  ...account
}: UserRecord): UserView {
  return account;
}

/**
 * An account as it stands, for the rules: one the administrator manages (`requireManaged`) is
 * national or scoped within the administrator's scope.
 */
function currentOf(account: UserRecord): NonNullable<AccountChange['current']> {
  return {
    id: account.id,
    role: account.role,
    active: account.active,
    scope:
      account.scopeAreaId === null ? { national: true } : { national: false, withinActor: true },
  };
}

/** A password nobody chose: 20 characters from 120 random bits, shown once to be replaced. */
function generatedPassword(): string {
  return randomBytes(15).toString('base64url');
}

/**
 * Accounts, managed by administrators inside their own scope: an account never gets more than
 * its creator holds, and accounts outside the scope are neither listed nor found.
 */
@Injectable()
export class UsersService {
  constructor(
    private readonly db: Db,
    private readonly users: UsersRepository,
    private readonly scope: ScopeService,
    private readonly audit: AuditService,
    private readonly areas: AreasService,
  ) {}

  async list(query: UserQuery, actor: Principal): Promise<Page<UserView>> {
    const { rows, total } = await this.users.list({
      withinAreaId: actor.scopeAreaId,
      folded: query.q === undefined ? undefined : foldForSearch(query.q),
      role: query.role,
      active: query.active,
      offset: (query.page - 1) * query.pageSize,
      limit: query.pageSize,
    });
    return { items: rows.map(view), page: query.page, pageSize: query.pageSize, total };
  }

  async get(username: string, actor: Principal): Promise<UserView> {
    return view(await this.requireManaged(username, actor));
  }

  async create(
    dto: CreateUserDto,
    actor: Principal = SYSTEM,
    options: { mustChangePassword: boolean } = { mustChangePassword: true },
  ): Promise<UserView> {
    const problems = passwordProblems(dto.password, dto.username, 'password');
    if (problems.length > 0) throw InvalidInputException.fromProblems(problems, 'WEAK_PASSWORD');
    await this.db.transactional(async () => {
      if (await this.users.findByUsername(dto.username))
        throw new UsernameTakenException(dto.username);
      const scope = dto.scopeAreaCode
        ? await this.areas.context(dto.scopeAreaCode, 'scopeAreaCode')
        : null;
      this.check(actor, { next: { role: dto.role, scope: this.placement(actor, scope) } });
      await this.users.insert({
        username: dto.username,
        displayName: normalizeText(dto.displayName),
        passwordHash: await hash(dto.password),
        role: dto.role,
        scopeAreaId: scope?.id ?? null,
        mustChangePassword: options.mustChangePassword,
      });
      await this.audit.record(actor, {
        action: 'create',
        entity: 'user',
        entityCode: dto.username,
        areaId: scope?.id ?? null,
        after: { username: dto.username, role: dto.role, scopeAreaCode: dto.scopeAreaCode ?? null },
      });
    });
    return this.get(dto.username, actor);
  }

  /** A change of name, role or scope; a new role or scope ends the account's sessions. */
  async update(username: string, dto: UpdateUserDto, actor: Principal): Promise<UserView> {
    await this.db.transactional(async () => {
      const account = await this.requireManaged(username, actor);
      const scope =
        dto.scopeAreaCode === undefined
          ? undefined
          : dto.scopeAreaCode === null
            ? null
            : await this.areas.context(dto.scopeAreaCode, 'scopeAreaCode');
      const scopeAreaId = scope === undefined ? undefined : (scope?.id ?? null);
      this.check(actor, {
        current: currentOf(account),
        next: {
          role: dto.role,
          scope: scope === undefined ? undefined : this.placement(actor, scope),
        },
      });
      const access =
        (dto.role !== undefined && dto.role !== account.role) ||
        (scopeAreaId !== undefined && scopeAreaId !== account.scopeAreaId);
      await this.users.update(
        account.id,
        {
          displayName: dto.displayName === undefined ? undefined : normalizeText(dto.displayName),
          role: dto.role,
          scopeAreaId,
        },
        access,
      );
      await this.audit.record(actor, {
        action: 'update',
        entity: 'user',
        entityCode: username,
        areaId: scopeAreaId === undefined ? account.scopeAreaId : scopeAreaId,
        before: view(account),
        after: dto,
      });
    });
    return this.get(username, actor);
  }

  async deactivate(username: string, dto: DeactivateUserDto, actor: Principal): Promise<UserView> {
    return this.setActive(username, false, actor, normalizeText(dto.reason));
  }

  async reactivate(username: string, actor: Principal): Promise<UserView> {
    return this.setActive(username, true, actor);
  }

  /** A new generated password, shown once; its holder must replace it at the next sign-in. */
  async resetPassword(username: string, actor: Principal): Promise<PasswordResetView> {
    const temporaryPassword = generatedPassword();
    await this.db.transactional(async () => {
      const account = await this.requireManaged(username, actor);
      await this.users.update(
        account.id,
        { passwordHash: await hash(temporaryPassword), mustChangePassword: true },
        true,
      );
      await this.audit.record(actor, {
        action: 'reset-password',
        entity: 'user',
        entityCode: username,
        areaId: account.scopeAreaId,
      });
    });
    return { username, temporaryPassword };
  }

  /**
   * A national administrator for an installation that has no active one (the demo accounts are no
   * administrators): `admin`, created or, if someone left it deactivated or scoped, restored, with
   * ADMIN_PASSWORD or a generated password returned to be printed once and replaced at sign-in.
   */
  async ensureAdmin(
    password: string | undefined,
  ): Promise<{ created: boolean; generated?: string }> {
    if ((await this.users.countActiveNationalAdmins()) > 0) return { created: false };
    const chosen = password || generatedPassword();
    const generated = password ? undefined : chosen;
    const existing = await this.users.findByUsername('admin');
    if (!existing) {
      await this.create(
        { username: 'admin', displayName: 'Quản trị hệ thống', password: chosen, role: 'admin' },
        SYSTEM,
        { mustChangePassword: generated !== undefined },
      );
      return { created: true, generated };
    }
    await this.db.transactional(async () => {
      await this.users.update(
        existing.id,
        {
          role: 'admin',
          scopeAreaId: null,
          active: true,
          passwordHash: await hash(chosen),
          mustChangePassword: generated !== undefined,
        },
        true,
      );
      await this.audit.record(SYSTEM, {
        action: 'restore-admin',
        entity: 'user',
        entityCode: 'admin',
        areaId: null,
        before: view(existing),
      });
    });
    return { created: true, generated };
  }

  private async setActive(
    username: string,
    active: boolean,
    actor: Principal,
    reason?: string,
  ): Promise<UserView> {
    await this.db.transactional(async () => {
      const account = await this.requireManaged(username, actor);
      if (account.active === active) {
        throw new AccountStateException(
          active ? 'ALREADY_ACTIVE' : 'ALREADY_INACTIVE',
          `Tài khoản "${username}" ${active ? 'đang hoạt động' : 'đã bị khóa'}`,
        );
      }
      this.check(actor, { current: currentOf(account), next: { active } });
      await this.users.update(account.id, { active }, true);
      await this.audit.record(actor, {
        action: active ? 'reactivate' : 'deactivate',
        entity: 'user',
        entityCode: username,
        areaId: account.scopeAreaId,
        reason: reason ?? null,
      });
    });
    return this.get(username, actor);
  }

  /** Refuses what the domain's rules refuse, each problem on its field. */
  private check(actor: Principal, change: Pick<AccountChange, 'current' | 'next'>): void {
    const problems = accountChangeProblems({
      actor: { id: actor.id, national: actor.scopeAreaId === null },
      ...change,
    });
    if (problems.length > 0) throw new AccountChangeRefusedException(problems);
  }

  /** A scope to give: national (null), or an area, read with its ancestry today. */
  private placement(actor: Principal, area: AreaContextRow | null): ScopePlacement {
    if (area === null) return { national: true };
    return { national: false, withinActor: this.scope.holds(actor, area.ancestry) };
  }

  /** The account, if the administrator's scope holds it; otherwise as if it did not exist. */
  private async requireManaged(username: string, actor: Principal): Promise<UserRecord> {
    const account = await this.users.findByUsername(username);
    const managed =
      account !== null &&
      (actor.scopeAreaId === null ||
        (account.scopeAreaId !== null &&
          (await this.scope.covers(actor, account.scopeAreaId, undefined))));
    if (!account || !managed) throw new UserNotFoundException(username);
    return account;
  }
}
