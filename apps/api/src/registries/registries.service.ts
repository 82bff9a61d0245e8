import { Injectable } from '@nestjs/common';
import {
  Db,
  RegistryRepository,
  type RegistryRows,
  type RegistryWrite,
  type RowRef,
} from '@app/database';
import {
  activeYears,
  firstYearWithout,
  foldForSearch,
  normalizeText,
  yearOf,
  type AreaLevel,
  type RegistryKind,
} from '@app/domain';
import { AreasService } from '../areas/areas.service.js';
import { AreaLevelMismatchException, LEVEL_LABELS } from '../areas/areas.exception.js';
import { ScopeService, type AreaContext } from '../scope/scope.service.js';
import { YearLockChecks } from '../year-locks/year-lock-checks.service.js';
import { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../auth/principal.js';
import type { Page } from '../common/paging.js';
import {
  ClanOutsideCommuneException,
  DuplicateCodeException,
  InvalidDeactivationException,
  SubjectNotFoundException,
} from './registries.exception.js';
import type { DeactivateDto, RegistryDtos, RegistryListQuery } from './dto/registry.dto.js';
import { REGISTRIES, type RegistrySpec } from './registry-kinds.js';

const today = () => new Date().toISOString().slice(0, 10);
const thisYear = () => new Date().getFullYear();

type View<K extends RegistryKind> = RegistryDtos[K]['view'];

/** What a change to a subject writes, and the place its audit row is filed under. */
interface Change {
  placeId: number;
  columns: RegistryWrite;
}

/** Households, clans and units: one path for each step, the differences in `REGISTRIES`. */
@Injectable()
export class RegistriesService {
  constructor(
    private readonly db: Db,
    private readonly registry: RegistryRepository,
    private readonly areas: AreasService,
    private readonly scope: ScopeService,
    private readonly locks: YearLockChecks,
    private readonly audit: AuditService,
  ) {}

  async list<K extends RegistryKind>(
    kind: K,
    query: RegistryListQuery,
    user: Principal,
  ): Promise<Page<View<K>>> {
    const spec: RegistrySpec<K> = REGISTRIES[kind];
    const { rows, total } = await this.registry.list(kind, {
      withinAreaId: user.scopeAreaId ?? undefined,
      communeId: query.commune
        ? (await this.areas.require(query.commune, 'commune', 'commune')).id
        : undefined,
      hamletId: query.hamlet
        ? (await this.areas.require(query.hamlet, 'hamlet', 'hamlet')).id
        : undefined,
      clanId: query.clan ? (await this.require('clans', query.clan, 'clan')).id : undefined,
      category: query.category,
      folded: query.q ? foldForSearch(query.q) : undefined,
      year: query.year,
      includeInactive: query.includeInactive,
      offset: (query.page - 1) * query.pageSize,
      limit: query.pageSize,
    });
    return {
      items: rows.map((row) => spec.view(row)),
      page: query.page,
      pageSize: query.pageSize,
      total,
    };
  }

  async get<K extends RegistryKind>(kind: K, code: string, user: Principal): Promise<View<K>> {
    const spec: RegistrySpec<K> = REGISTRIES[kind];
    return spec.view(await this.require(kind, code, 'code', user));
  }

  /**
   * A new subject: its place in scope, its code free, no finalised year reached from its first
   * day, inserted with its audit row in one transaction.
   */
  async create<K extends RegistryKind>(
    kind: K,
    dto: RegistryDtos[K]['create'],
    user: Principal,
  ): Promise<View<K>> {
    const spec: RegistrySpec<K> = REGISTRIES[kind];
    const { placeCode, clanCode, columns } = spec.read(dto);
    const activeFrom = dto.activeFrom ?? today();
    const row = await this.db.transactional(async () => {
      // A create request names its place: its DTO requires the field.
      const place = await this.placeFor(spec, placeCode as string, user);
      if (await this.registry.find(kind, dto.code))
        throw new DuplicateCodeException(spec.label, dto.code);
      await this.locks.assertOpenSince([place.id], yearOf(activeFrom));
      const clanId = spec.membership ? await this.clanIdFor(clanCode, place.parentCode) : undefined;
      const created = await this.registry.insert(kind, {
        ...columns,
        code: dto.code,
        placeId: place.id,
        clanId,
        activeFrom,
      });
      await this.audit.record(user, {
        action: 'create',
        entity: spec.subject.entity,
        entityCode: dto.code,
        areaId: place.id,
        after: dto,
      });
      return created;
    });
    return spec.view(row);
  }

  async update<K extends RegistryKind>(
    kind: K,
    code: string,
    /** The update's fields: a part of what a create request gives. */
    dto: Partial<RegistryDtos[K]['create']>,
    user: Principal,
  ): Promise<View<K>> {
    const spec: RegistrySpec<K> = REGISTRIES[kind];
    const { placeCode, clanCode, columns } = spec.read(dto);
    return this.change(spec, code, user, 'update', dto, async (subject) => {
      const moved = placeCode ? await this.placeFor(spec, placeCode, user) : null;
      const links = spec.membership
        ? await this.relink(spec.membership, spec.placeField, subject, moved, clanCode)
        : {};
      return { placeId: moved?.id ?? subject.place.id, columns: { ...columns, ...links } };
    });
  }

  /** The end of a subject: refused when it would take the subject out of a finalised year. */
  async deactivate<K extends RegistryKind>(
    kind: K,
    code: string,
    dto: DeactivateDto,
    user: Principal,
  ): Promise<View<K>> {
    const spec: RegistrySpec<K> = REGISTRIES[kind];
    const columns = { deactivatedOn: dto.on, deactivationReason: normalizeText(dto.reason) };
    return this.change(spec, code, user, 'deactivate', columns, async (subject) => {
      if (subject.deactivatedOn) {
        throw new InvalidDeactivationException(
          `đã ngừng hoạt động từ ngày ${subject.deactivatedOn}`,
        );
      }
      if (dto.on < subject.activeFrom) {
        throw new InvalidDeactivationException(
          `ngày ngừng trước ngày bắt đầu ${subject.activeFrom}`,
        );
      }
      await this.locks.assertOpenSince([subject.place.id], firstYearWithout(dto.on));
      return { placeId: subject.place.id, columns };
    });
  }

  /** A change to one subject in the caller's scope: in one transaction, with its audit row. */
  private async change<K extends RegistryKind>(
    spec: RegistrySpec<K>,
    code: string,
    user: Principal,
    action: 'update' | 'deactivate',
    after: object,
    plan: (subject: RegistryRows[K]) => Promise<Change>,
  ): Promise<View<K>> {
    const row = await this.db.transactional(async () => {
      const subject = await this.require(spec.kind, code, 'code', user);
      const { placeId, columns } = await plan(subject);
      const changed = await this.registry.update(spec.kind, subject.id, columns);
      await this.audit.record(user, {
        action,
        entity: spec.subject.entity,
        entityCode: code,
        areaId: placeId,
        before: spec.view(subject),
        after,
      });
      return changed;
    });
    return spec.view(row);
  }

  /**
   * A household's hamlet and clan after an update. Neither is dated: changing them rewrites
   * every year the household counted in, so a finalised one among those years refuses it.
   */
  private async relink<K extends RegistryKind>(
    membership: NonNullable<RegistrySpec<K>['membership']>,
    placeField: string,
    subject: RegistryRows[K],
    moved: AreaContext | null,
    clanCode: string | null | undefined,
  ): Promise<RegistryWrite> {
    // The ancestry runs from the hamlet up: next to it, the area it belongs to today.
    const commune = moved ? (moved.ancestry[1] ?? null) : membership.commune(subject);
    const current = membership.clan(subject)?.code ?? null;
    const next = clanCode === undefined ? current : clanCode;
    const clanId = await this.clanIdFor(next, commune?.code ?? null);
    const span = activeYears(subject.activeFrom, subject.deactivatedOn, thisYear());
    if (moved && moved.id !== subject.place.id)
      await this.locks.assertYearsOpen([subject.place.id, moved.id], span.from, span.to);
    if (next !== current && commune) {
      // A clan's result follows its member families: a commune's clans are figures of the commune.
      await this.locks.assertYearsOpen(
        [this.asCommune(commune, placeField).id],
        span.from,
        span.to,
      );
    }
    return { placeId: moved?.id, clanId };
  }

  /** The area a new or moved subject is placed in: in scope, of the kind's place level. */
  private placeFor(
    spec: RegistrySpec<RegistryKind>,
    code: string,
    user: Principal,
  ): Promise<AreaContext> {
    return this.scope.resolve(user, code, { field: spec.placeField, level: spec.placeLevel });
  }

  private asCommune(area: RowRef & { level: AreaLevel }, field: string): RowRef {
    if (area.level !== 'commune') {
      throw new AreaLevelMismatchException(
        field,
        area.code,
        LEVEL_LABELS.commune,
        LEVEL_LABELS[area.level],
      );
    }
    return area;
  }

  private async clanIdFor(
    clanCode: string | null | undefined,
    communeCode: string | null,
  ): Promise<number | null> {
    if (!clanCode) return null;
    const clan = await this.require('clans', clanCode, 'clanCode');
    if (clan.place.code !== communeCode) throw new ClanOutsideCommuneException(clanCode);
    return clan.id;
  }

  /**
   * The subject with this code. For a caller given, one placed outside the caller's scope is
   * refused as if it did not exist: a code guessed from another commune tells nothing about it.
   */
  private async require<K extends RegistryKind>(
    kind: K,
    code: string,
    field: string,
    user?: Principal,
  ): Promise<RegistryRows[K]> {
    const subject = await this.registry.find(kind, code, user?.scopeAreaId ?? null);
    if (!subject) throw new SubjectNotFoundException(REGISTRIES[kind].label, code, field);
    return subject;
  }
}
