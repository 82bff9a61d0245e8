import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { foldForSearch, normalizeText } from '@app/domain';
import {
  RegistryRepository,
  type ClanView,
  type HouseholdView,
  type RegistryFilter,
  type UnitView,
} from '@app/database';
import { AreasService } from '../areas/areas.service.js';
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

type Stripped<T> = Omit<T, 'id'>;

function strip<T extends { id: number }>({ id: _id, ...rest }: T): Stripped<T> {
  return rest;
}

@Injectable()
export class RegistriesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly registry: RegistryRepository,
    private readonly areas: AreasService,
  ) {}

  async listHouseholds(query: HouseholdQuery): Promise<Page<Stripped<HouseholdView>>> {
    const filter = await this.filter(query);
    if (query.hamlet)
      filter.hamletId = (await this.areas.require(query.hamlet, 'hamlet', 'hamlet')).id;
    if (query.clan) filter.clanId = (await this.requireClan(query.clan, 'clan')).id;
    return this.toPage(query, await this.registry.listHouseholds(filter));
  }

  async listClans(query: RegistryQuery): Promise<Page<Stripped<ClanView>>> {
    return this.toPage(query, await this.registry.listClans(await this.filter(query)));
  }

  async listUnits(query: UnitQuery): Promise<Page<Stripped<UnitView>>> {
    const filter = await this.filter(query);
    filter.category = query.category;
    return this.toPage(query, await this.registry.listUnits(filter));
  }

  async getHousehold(code: string): Promise<Stripped<HouseholdView>> {
    return strip(await this.requireHousehold(code));
  }

  async getClan(code: string): Promise<Stripped<ClanView>> {
    return strip(await this.requireClan(code));
  }

  async getUnit(code: string): Promise<Stripped<UnitView>> {
    return strip(await this.requireUnit(code));
  }

  async createHousehold(dto: CreateHouseholdDto): Promise<Stripped<HouseholdView>> {
    await this.dataSource.transaction(async (manager) => {
      if (await this.registry.findHousehold(dto.code, manager))
        throw new DuplicateCodeException('hộ gia đình', dto.code);
      const hamlet = await this.areas.require(
        dto.hamletCode,
        'hamletCode',
        'hamlet',
        undefined,
        manager,
      );
      const headName = normalizeText(dto.headName);
      await this.registry.insertHousehold(manager, {
        code: dto.code,
        headName,
        headNameFolded: foldForSearch(headName),
        hamletId: hamlet.id,
        clanId: await this.clanIdFor(dto.clanCode, hamlet.parentCode, manager),
        members: dto.members,
        address: dto.address ? normalizeText(dto.address) : null,
        activeFrom: dto.activeFrom ?? today(),
      });
    });
    return this.getHousehold(dto.code);
  }

  async updateHousehold(code: string, dto: UpdateHouseholdDto): Promise<Stripped<HouseholdView>> {
    await this.dataSource.transaction(async (manager) => {
      const household = await this.requireHousehold(code, 'code', manager);
      const hamlet = dto.hamletCode
        ? await this.areas.require(dto.hamletCode, 'hamletCode', 'hamlet', undefined, manager)
        : await this.areas.require(
            household.hamlet.code,
            'hamletCode',
            'hamlet',
            undefined,
            manager,
          );
      const clanCode = dto.clanCode === undefined ? household.clan?.code : dto.clanCode;
      const headName = dto.headName === undefined ? undefined : normalizeText(dto.headName);
      await this.registry.updateHousehold(manager, household.id, {
        ...(headName === undefined ? {} : { headName, headNameFolded: foldForSearch(headName) }),
        hamletId: hamlet.id,
        clanId: await this.clanIdFor(clanCode ?? null, hamlet.parentCode, manager),
        ...(dto.members === undefined ? {} : { members: dto.members }),
        ...(dto.address === undefined ? {} : { address: normalizeText(dto.address) || null }),
      });
    });
    return this.getHousehold(code);
  }

  async deactivateHousehold(code: string, dto: DeactivateDto): Promise<Stripped<HouseholdView>> {
    await this.deactivate(await this.requireHousehold(code), dto, (id, changes) =>
      this.registry.updateHousehold(this.dataSource.manager, id, changes),
    );
    return this.getHousehold(code);
  }

  async createClan(dto: CreateClanDto): Promise<Stripped<ClanView>> {
    await this.dataSource.transaction(async (manager) => {
      if (await this.registry.findClan(dto.code, manager))
        throw new DuplicateCodeException('dòng họ', dto.code);
      const commune = await this.areas.require(
        dto.communeCode,
        'communeCode',
        'commune',
        undefined,
        manager,
      );
      const name = normalizeText(dto.name);
      await this.registry.insertClan(manager, {
        code: dto.code,
        name,
        nameFolded: foldForSearch(name),
        communeId: commune.id,
        headName: dto.headName ? normalizeText(dto.headName) : null,
        activeFrom: dto.activeFrom ?? today(),
      });
    });
    return this.getClan(dto.code);
  }

  async updateClan(code: string, dto: UpdateClanDto): Promise<Stripped<ClanView>> {
    const clan = await this.requireClan(code);
    const name = dto.name === undefined ? undefined : normalizeText(dto.name);
    await this.registry.updateClan(this.dataSource.manager, clan.id, {
      ...(name === undefined ? {} : { name, nameFolded: foldForSearch(name) }),
      ...(dto.headName === undefined ? {} : { headName: normalizeText(dto.headName) }),
    });
    return this.getClan(code);
  }

  async deactivateClan(code: string, dto: DeactivateDto): Promise<Stripped<ClanView>> {
    await this.deactivate(await this.requireClan(code), dto, (id, changes) =>
      this.registry.updateClan(this.dataSource.manager, id, changes),
    );
    return this.getClan(code);
  }

  async createUnit(dto: CreateUnitDto): Promise<Stripped<UnitView>> {
    await this.dataSource.transaction(async (manager) => {
      if (await this.registry.findUnit(dto.code, manager))
        throw new DuplicateCodeException('đơn vị', dto.code);
      const commune = await this.areas.require(
        dto.communeCode,
        'communeCode',
        'commune',
        undefined,
        manager,
      );
      const name = normalizeText(dto.name);
      await this.registry.insertUnit(manager, {
        code: dto.code,
        name,
        nameFolded: foldForSearch(name),
        communeId: commune.id,
        category: dto.category,
        headName: dto.headName ? normalizeText(dto.headName) : null,
        activeFrom: dto.activeFrom ?? today(),
      });
    });
    return this.getUnit(dto.code);
  }

  async updateUnit(code: string, dto: UpdateUnitDto): Promise<Stripped<UnitView>> {
    const unit = await this.requireUnit(code);
    const name = dto.name === undefined ? undefined : normalizeText(dto.name);
    await this.registry.updateUnit(this.dataSource.manager, unit.id, {
      ...(name === undefined ? {} : { name, nameFolded: foldForSearch(name) }),
      ...(dto.category === undefined ? {} : { category: dto.category }),
      ...(dto.headName === undefined ? {} : { headName: normalizeText(dto.headName) }),
    });
    return this.getUnit(code);
  }

  async deactivateUnit(code: string, dto: DeactivateDto): Promise<Stripped<UnitView>> {
    await this.deactivate(await this.requireUnit(code), dto, (id, changes) =>
      this.registry.updateUnit(this.dataSource.manager, id, changes),
    );
    return this.getUnit(code);
  }

  private async deactivate(
    subject: { id: number; activeFrom: string; deactivatedOn: string | null },
    dto: DeactivateDto,
    update: (
      id: number,
      changes: { deactivatedOn: string; deactivationReason: string },
    ) => Promise<void>,
  ): Promise<void> {
    this.checkDeactivation(subject, dto);
    await update(subject.id, {
      deactivatedOn: dto.on,
      deactivationReason: normalizeText(dto.reason),
    });
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
    manager: EntityManager,
  ): Promise<number | null> {
    if (!clanCode) return null;
    const clan = await this.requireClan(clanCode, 'clanCode', manager);
    if (clan.commune.code !== communeCode) throw new ClanOutsideCommuneException(clanCode);
    return clan.id;
  }

  private async requireHousehold(
    code: string,
    field = 'code',
    manager?: EntityManager,
  ): Promise<HouseholdView> {
    const household = await this.registry.findHousehold(code, manager);
    if (!household) throw new SubjectNotFoundException('hộ gia đình', code, field);
    return household;
  }

  private async requireClan(
    code: string,
    field = 'code',
    manager?: EntityManager,
  ): Promise<ClanView> {
    const clan = await this.registry.findClan(code, manager);
    if (!clan) throw new SubjectNotFoundException('dòng họ', code, field);
    return clan;
  }

  private async requireUnit(
    code: string,
    field = 'code',
    manager?: EntityManager,
  ): Promise<UnitView> {
    const unit = await this.registry.findUnit(code, manager);
    if (!unit) throw new SubjectNotFoundException('đơn vị', code, field);
    return unit;
  }

  private async filter(query: RegistryQuery): Promise<RegistryFilter> {
    return {
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
