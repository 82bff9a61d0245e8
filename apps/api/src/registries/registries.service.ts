import { Injectable } from '@nestjs/common';
import { Db } from '@app/database';
import {
  activeYears,
  firstYearWithout,
  foldForSearch,
  normalizeText,
  yearOf,
  type AreaLevel,
} from '@app/domain';
import {
  RegistryRepository,
  type AreaRow,
  type ClanView,
  type HouseholdView,
  type RegistryFilter,
  type UnitView,
} from '@app/database';
import { AreasService } from '../areas/areas.service.js';
import { ScopeService } from '../scope/scope.service.js';
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
import type {
  CreateClanDto,
  CreateHouseholdDto,
  CreateUnitDto,
  DeactivateDto,
  HouseholdQuery,
  RegistryQuery,
  UnitQuery,
  UpdateClanDto,
  UpdateHouseholdDto,
  UpdateUnitDto,
} from './dto/registry.dto.js';

const today = () => new Date().toISOString().slice(0, 10);
const thisYear = () => new Date().getFullYear();

/** What a subject is called in messages, by its audit entity. */
const LABELS: Record<string, string> = {
  household: 'hộ gia đình',
  clan: 'dòng họ',
  unit: 'đơn vị',
};

type Stripped<T> = Omit<T, 'id'>;

function strip<T extends { id: number }>({ id: _id, ...rest }: T): Stripped<T> {
  return rest;
}

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

  async listHouseholds(
    query: HouseholdQuery,
    user: Principal,
  ): Promise<Page<Stripped<HouseholdView>>> {
    const filter = await this.filter(query, user);
    if (query.hamlet)
      filter.hamletId = (await this.areas.require(query.hamlet, 'hamlet', 'hamlet')).id;
    if (query.clan) filter.clanId = (await this.requireClan(query.clan, 'clan')).id;
    return this.toPage(query, await this.registry.listHouseholds(filter));
  }

  async listClans(query: RegistryQuery, user: Principal): Promise<Page<Stripped<ClanView>>> {
    return this.toPage(query, await this.registry.listClans(await this.filter(query, user)));
  }

  async listUnits(query: UnitQuery, user: Principal): Promise<Page<Stripped<UnitView>>> {
    const filter = await this.filter(query, user);
    filter.category = query.category;
    return this.toPage(query, await this.registry.listUnits(filter));
  }

  async getHousehold(code: string, user: Principal): Promise<Stripped<HouseholdView>> {
    const household = await this.requireHousehold(code);
    await this.placeOf(user, 'household', code, household.hamlet.code);
    return strip(household);
  }

  async getClan(code: string, user: Principal): Promise<Stripped<ClanView>> {
    const clan = await this.requireClan(code);
    await this.placeOf(user, 'clan', code, clan.commune.code);
    return strip(clan);
  }

  async getUnit(code: string, user: Principal): Promise<Stripped<UnitView>> {
    const unit = await this.requireUnit(code);
    await this.placeOf(user, 'unit', code, unit.commune.code);
    return strip(unit);
  }

  async createHousehold(
    dto: CreateHouseholdDto,
    user: Principal,
  ): Promise<Stripped<HouseholdView>> {
    const headName = normalizeText(dto.headName);
    await this.createSubject(
      user,
      'household',
      'hộ gia đình',
      dto,
      { code: dto.hamletCode, field: 'hamletCode', level: 'hamlet' },
      {
        exists: () => this.registry.findHousehold(dto.code),
        insert: async (hamlet) =>
          this.registry.insertHousehold({
            code: dto.code,
            headName,
            headNameFolded: foldForSearch(headName),
            hamletId: hamlet.id,
            clanId: await this.clanIdFor(dto.clanCode, hamlet.parentCode),
            members: dto.members,
            address: dto.address ? normalizeText(dto.address) : null,
            activeFrom: dto.activeFrom ?? today(),
          }),
      },
    );
    return this.getHousehold(dto.code, user);
  }
  async updateHousehold(
    code: string,
    dto: UpdateHouseholdDto,
    user: Principal,
  ): Promise<Stripped<HouseholdView>> {
    await this.db.transactional(async () => {
      const household = await this.requireHousehold(code, 'code');
      const current = await this.placeOf(user, 'household', code, household.hamlet.code);
      const hamlet = dto.hamletCode
        ? await this.areas.require(dto.hamletCode, 'hamletCode', 'hamlet', undefined)
        : current;
      await this.scope.assertArea(user, hamlet.id, undefined);
      const clanCode = dto.clanCode === undefined ? household.clan?.code : dto.clanCode;
      const clanId = await this.clanIdFor(clanCode ?? null, hamlet.parentCode);
      // Neither the place nor the clan is dated: changing them rewrites every year it counted in.
      const span = activeYears(household.activeFrom, household.deactivatedOn, thisYear());
      if (hamlet.id !== current.id)
        await this.locks.assertYearsOpen([current.id, hamlet.id], span.from, span.to);
      if ((clanCode ?? null) !== (household.clan?.code ?? null) && hamlet.parentCode) {
        // A clan's result follows its member families: a commune's clans are figures of the commune.
        const commune = await this.areas.require(
          hamlet.parentCode,
          'hamletCode',
          'commune',
          undefined,
        );
        await this.locks.assertYearsOpen([commune.id], span.from, span.to);
      }
      const headName = dto.headName === undefined ? undefined : normalizeText(dto.headName);
      await this.registry.updateHousehold(household.id, {
        ...(headName === undefined ? {} : { headName, headNameFolded: foldForSearch(headName) }),
        hamletId: hamlet.id,
        clanId,
        ...(dto.members === undefined ? {} : { members: dto.members }),
        ...(dto.address === undefined ? {} : { address: normalizeText(dto.address) || null }),
      });
      await this.audit.record(user, {
        action: 'update',
        entity: 'household',
        entityCode: code,
        areaId: hamlet.id,
        before: strip(household),
        after: dto,
      });
    });
    return this.getHousehold(code, user);
  }

  async deactivateHousehold(
    code: string,
    dto: DeactivateDto,
    user: Principal,
  ): Promise<Stripped<HouseholdView>> {
    await this.deactivate(
      user,
      'household',
      code,
      () => this.requireHousehold(code, 'code'),
      (household) => household.hamlet.code,
      dto,
      (id, changes) => this.registry.updateHousehold(id, changes),
    );
    return this.getHousehold(code, user);
  }

  async createClan(dto: CreateClanDto, user: Principal): Promise<Stripped<ClanView>> {
    const name = normalizeText(dto.name);
    await this.createSubject(
      user,
      'clan',
      'dòng họ',
      dto,
      { code: dto.communeCode, field: 'communeCode', level: 'commune' },
      {
        exists: () => this.registry.findClan(dto.code),
        insert: (commune) =>
          this.registry.insertClan({
            code: dto.code,
            name,
            nameFolded: foldForSearch(name),
            communeId: commune.id,
            headName: dto.headName ? normalizeText(dto.headName) : null,
            activeFrom: dto.activeFrom ?? today(),
          }),
      },
    );
    return this.getClan(dto.code, user);
  }
  async updateClan(code: string, dto: UpdateClanDto, user: Principal): Promise<Stripped<ClanView>> {
    const name = dto.name === undefined ? undefined : normalizeText(dto.name);
    await this.changeSubject(
      user,
      'clan',
      code,
      () => this.requireClan(code, 'code'),
      (clan) => clan.commune.code,
      dto,
      ({ id }) =>
        this.registry.updateClan(id, {
          ...(name === undefined ? {} : { name, nameFolded: foldForSearch(name) }),
          ...(dto.headName === undefined ? {} : { headName: normalizeText(dto.headName) }),
        }),
    );
    return this.getClan(code, user);
  }

  async deactivateClan(
    code: string,
    dto: DeactivateDto,
    user: Principal,
  ): Promise<Stripped<ClanView>> {
    await this.deactivate(
      user,
      'clan',
      code,
      () => this.requireClan(code, 'code'),
      (clan) => clan.commune.code,
      dto,
      (id, changes) => this.registry.updateClan(id, changes),
    );
    return this.getClan(code, user);
  }

  async createUnit(dto: CreateUnitDto, user: Principal): Promise<Stripped<UnitView>> {
    const name = normalizeText(dto.name);
    await this.createSubject(
      user,
      'unit',
      'đơn vị',
      dto,
      { code: dto.communeCode, field: 'communeCode', level: 'commune' },
      {
        exists: () => this.registry.findUnit(dto.code),
        insert: (commune) =>
          this.registry.insertUnit({
            code: dto.code,
            name,
            nameFolded: foldForSearch(name),
            communeId: commune.id,
            category: dto.category,
            headName: dto.headName ? normalizeText(dto.headName) : null,
            activeFrom: dto.activeFrom ?? today(),
          }),
      },
    );
    return this.getUnit(dto.code, user);
  }
  async updateUnit(code: string, dto: UpdateUnitDto, user: Principal): Promise<Stripped<UnitView>> {
    const name = dto.name === undefined ? undefined : normalizeText(dto.name);
    await this.changeSubject(
      user,
      'unit',
      code,
      () => this.requireUnit(code, 'code'),
      (unit) => unit.commune.code,
      dto,
      ({ id }) =>
        this.registry.updateUnit(id, {
          ...(name === undefined ? {} : { name, nameFolded: foldForSearch(name) }),
          ...(dto.category === undefined ? {} : { category: dto.category }),
          ...(dto.headName === undefined ? {} : { headName: normalizeText(dto.headName) }),
        }),
    );
    return this.getUnit(code, user);
  }

  async deactivateUnit(
    code: string,
    dto: DeactivateDto,
    user: Principal,
  ): Promise<Stripped<UnitView>> {
    await this.deactivate(
      user,
      'unit',
      code,
      () => this.requireUnit(code, 'code'),
      (unit) => unit.commune.code,
      dto,
      (id, changes) => this.registry.updateUnit(id, changes),
    );
    return this.getUnit(code, user);
  }

  /**
   * A new subject: its place in scope, its code free, no finalised year reached from its first
   * day, inserted with its audit row in one transaction.
   */
  private async createSubject(
    user: Principal,
    entity: string,
    label: string,
    dto: { code: string; activeFrom?: string },
    place: { code: string; field: string; level: AreaLevel },
    subject: {
      exists: () => Promise<unknown>;
      insert: (place: AreaRow) => Promise<void>;
    },
  ): Promise<void> {
    await this.db.transactional(async () => {
      const area = await this.areas.require(place.code, place.field, place.level, undefined);
      await this.scope.assertArea(user, area.id, undefined);
      if (await subject.exists()) throw new DuplicateCodeException(label, dto.code);
      await this.locks.assertOpenSince([area.id], yearOf(dto.activeFrom ?? today()));
      await subject.insert(area);
      await this.audit.record(user, {
        action: 'create',
        entity,
        entityCode: dto.code,
        areaId: area.id,
        after: dto,
      });
    });
  }

  /** A change to one subject: in scope, in one transaction, with its audit row. */
  private async changeSubject<T extends { id: number }>(
    user: Principal,
    entity: string,
    code: string,
    /** Reads the subject inside the transaction, on its connection. */
    load: () => Promise<T>,
    placeCodeOf: (subject: T) => string,
    change: object,
    apply: (subject: T, place: AreaRow) => Promise<void>,
    action = 'update',
  ): Promise<void> {
    await this.db.transactional(async () => {
      const subject = await load();
      const place = await this.placeOf(user, entity, code, placeCodeOf(subject));
      await apply(subject, place);
      await this.audit.record(user, {
        action,
        entity,
        entityCode: code,
        areaId: place.id,
        before: strip(subject),
        after: change,
      });
    });
  }

  /** The end of a subject: refused when it would take the subject out of a finalised year. */
  private async deactivate<
    T extends { id: number; activeFrom: string; deactivatedOn: string | null },
  >(
    user: Principal,
    entity: string,
    code: string,
    /** Reads the subject inside the transaction, on its connection. */
    load: () => Promise<T>,
    placeCodeOf: (subject: T) => string,
    dto: DeactivateDto,
    update: (
      id: number,
      changes: { deactivatedOn: string; deactivationReason: string },
    ) => Promise<void>,
  ): Promise<void> {
    const changes = { deactivatedOn: dto.on, deactivationReason: normalizeText(dto.reason) };
    await this.changeSubject(
      user,
      entity,
      code,
      load,
      placeCodeOf,
      changes,
      async (subject, place) => {
        this.checkDeactivation(subject, dto);
        await this.locks.assertOpenSince([place.id], firstYearWithout(dto.on));
        await update(subject.id, changes);
      },
      'deactivate',
    );
  }

  /**
   * The place of a subject, refused outside the caller's scope as if the subject did not exist:
   * a code guessed from another commune tells nothing about it.
   */
  private async placeOf(
    user: Principal,
    entity: string,
    code: string,
    placeCode: string,
  ): Promise<AreaRow> {
    const place = await this.areas.require(placeCode, 'code', undefined, undefined);
    if (!(await this.scope.covers(user, place.id, undefined)))
      throw new SubjectNotFoundException(LABELS[entity], code);
    return place;
  }

  private checkDeactivation(
    subject: { activeFrom: string; deactivatedOn: string | null },
    dto: DeactivateDto,
  ): void {
    if (subject.deactivatedOn) {
      throw new InvalidDeactivationException(`đã ngừng hoạt động từ ngày ${subject.deactivatedOn}`);
    }
    if (dto.on < subject.activeFrom) {
      throw new InvalidDeactivationException(`ngày ngừng trước ngày bắt đầu ${subject.activeFrom}`);
    }
  }

  private async clanIdFor(
    clanCode: string | null | undefined,
    communeCode: string | null,
  ): Promise<number | null> {
    if (!clanCode) return null;
    const clan = await this.requireClan(clanCode, 'clanCode');
    if (clan.commune.code !== communeCode) throw new ClanOutsideCommuneException(clanCode);
    return clan.id;
  }

  private async requireHousehold(code: string, field = 'code'): Promise<HouseholdView> {
    const household = await this.registry.findHousehold(code);
    if (!household) throw new SubjectNotFoundException('hộ gia đình', code, field);
    return household;
  }

  private async requireClan(code: string, field = 'code'): Promise<ClanView> {
    const clan = await this.registry.findClan(code);
    if (!clan) throw new SubjectNotFoundException('dòng họ', code, field);
    return clan;
  }

  private async requireUnit(code: string, field = 'code'): Promise<UnitView> {
    const unit = await this.registry.findUnit(code);
    if (!unit) throw new SubjectNotFoundException('đơn vị', code, field);
    return unit;
  }

  private async filter(query: RegistryQuery, user: Principal): Promise<RegistryFilter> {
    return {
      withinAreaId: user.scopeAreaId ?? undefined,
      communeId: query.commune
        ? (await this.areas.require(query.commune, 'commune', 'commune')).id
        : undefined,
      folded: query.q ? foldForSearch(query.q) : undefined,
      year: query.year,
      includeInactive: query.includeInactive,
      offset: (query.page - 1) * query.pageSize,
      limit: query.pageSize,
    };
  }

  private toPage<T extends { id: number }>(
    query: RegistryQuery,
    result: { rows: T[]; total: number },
  ): Page<Stripped<T>> {
    return {
      items: result.rows.map(strip),
      page: query.page,
      pageSize: query.pageSize,
      total: result.total,
    };
  }
}
