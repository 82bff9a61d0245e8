import {
  AreasRepository,
  CriteriaSetsRepository,
  EvaluationsRepository,
  RegistryRepository,
  UsersRepository,
  YearLocksRepository,
  type Db,
  type EvaluationRow,
  type UserRecord,
} from '@app/database';
import {
  foldForSearch,
  type AreaLevel,
  type EvaluationStatus,
  type ModelKind,
  type Role,
  type UnitCategory,
} from '@app/domain';

/** A row the factories made, by what the code under test looks it up with. */
export interface Ref {
  id: number;
  code: string;
}

export interface AreaTree {
  province: Ref;
  district: Ref;
  commune: Ref;
  hamlets: Ref[];
}

export interface Period {
  activeFrom?: string;
  deactivatedOn?: string | null;
}

/** Long enough before any year a test is about that the default history is never in the way. */
const SINCE = '2000-01-01';

const TYPE_LABELS: Record<AreaLevel, string> = {
  province: 'Tỉnh',
  district: 'Huyện',
  commune: 'Xã',
  hamlet: 'Thôn',
};

let sequence = 0;

/** A code no other call in this test file has used (codes are unique regardless of case). */
export function uniqueCode(prefix: string): string {
  return `${prefix}-${++sequence}`;
}

export function dayBefore(date: string): string {
  const day = new Date(`${date}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() - 1);
  return day.toISOString().slice(0, 10);
}

/**
 * Rows written through the repositories the app writes with, so a test starts from data the
 * product itself could hold. Everything has a default; pass only what the test is about.
 */
export class Factories {
  private readonly areas: AreasRepository;
  private readonly users: UsersRepository;
  private readonly registry: RegistryRepository;
  private readonly evaluations: EvaluationsRepository;
  private readonly criteriaSets: CriteriaSetsRepository;
  private readonly locks: YearLocksRepository;

  constructor(db: Db) {
    this.areas = new AreasRepository(db);
    this.users = new UsersRepository(db);
    this.registry = new RegistryRepository(db);
    this.evaluations = new EvaluationsRepository(db);
    this.criteriaSets = new CriteriaSetsRepository(db);
    this.locks = new YearLocksRepository(db);
  }

  /** An area in force from `validFrom` (to `validTo`), under `parent` from the same day. */
  async area(
    level: AreaLevel,
    options: {
      parent?: Ref;
      code?: string;
      validFrom?: string;
      validTo?: string | null;
      difficult?: boolean;
    } = {},
  ): Promise<Ref> {
    const code = options.code ?? uniqueCode(level);
    const name = `${TYPE_LABELS[level]} ${code}`;
    const validFrom = options.validFrom ?? SINCE;
    const validTo = options.validTo ?? null;
    const id = await this.areas.insert({
      code,
      name,
      nameFolded: foldForSearch(name),
      level,
      typeLabel: TYPE_LABELS[level],
      difficult: options.difficult ?? false,
      validFrom,
      validTo,
      note: null,
    });
    if (options.parent)
      await this.areas.addParent({ areaId: id, parentId: options.parent.id, validFrom, validTo });
    return { id, code };
  }

  /** A province with one district, one commune and its hamlets, all in force since `validFrom`. */
  async areaTree(options: { validFrom?: string; hamlets?: number } = {}): Promise<AreaTree> {
    const { validFrom } = options;
    const province = await this.area('province', { validFrom });
    const district = await this.area('district', { parent: province, validFrom });
    const commune = await this.area('commune', { parent: district, validFrom });
    const hamlets: Ref[] = [];
    for (let i = 0; i < (options.hamlets ?? 2); i++)
      hamlets.push(await this.area('hamlet', { parent: commune, validFrom }));
    return { province, district, commune, hamlets };
  }

  /**
   * A tree whose commune moves, with its hamlets, to a second district of the province on `on`:
   * the hierarchy differs before and after that date.
   */
  async transferredCommune(on: string): Promise<AreaTree & { newDistrict: Ref }> {
    const tree = await this.areaTree();
    const newDistrict = await this.area('district', { parent: tree.province });
    await this.transfer(tree.commune, newDistrict, on);
    return { ...tree, newDistrict };
  }

  /** Moves an area under another parent from `on`: its current link ends the day before. */
  async transfer(area: Ref, parent: Ref, on: string): Promise<void> {
    await this.areas.endParentLink(area.id, dayBefore(on));
    await this.areas.addParent({ areaId: area.id, parentId: parent.id, validFrom: on });
  }

  /** An account: a national administrator without a scope, an officer of its scope with one. */
  async user(options: { scope?: Ref; role?: Role; username?: string } = {}): Promise<UserRecord> {
    const username = options.username ?? uniqueCode('user');
    await this.users.insert({
      username,
      displayName: username,
      passwordHash: 'not-a-hash: these accounts never sign in',
      role: options.role ?? (options.scope ? 'officer' : 'admin'),
      scopeAreaId: options.scope?.id ?? null,
      mustChangePassword: false,
    });
    return (await this.users.findByUsername(username)) as UserRecord;
  }

  async household(
    options: { hamlet: Ref; clan?: Ref; code?: string; members?: number } & Period,
  ): Promise<Ref> {
    const code = options.code ?? uniqueCode('household');
    const headName = `Chủ hộ ${code}`;
    return ref(
      await this.registry.insert('households', {
        code,
        name: headName,
        nameFolded: foldForSearch(headName),
        placeId: options.hamlet.id,
        clanId: options.clan?.id ?? null,
        members: options.members ?? 4,
        ...period(options),
      }),
    );
  }

  async clan(options: { commune: Ref; code?: string } & Period): Promise<Ref> {
    return ref(await this.registry.insert('clans', communeSubject('clan', 'Dòng họ', options)));
  }

  async unit(
    options: { commune: Ref; code?: string; category?: UnitCategory } & Period,
  ): Promise<Ref> {
    const columns = communeSubject('unit', 'Đơn vị', options);
    return ref(
      await this.registry.insert('units', { ...columns, category: options.category ?? 'school' }),
    );
  }

  /**
   * A registered evaluation under the national criteria set in force that year; a recognised one
   * carries its decision, as the schema requires.
   */
  async evaluation(options: {
    kind: ModelKind;
    subject: Ref;
    year: number;
    status?: EvaluationStatus;
  }): Promise<EvaluationRow> {
    const { kind, subject, year } = options;
    const status = options.status ?? 'draft';
    const sets = await this.criteriaSets.list({ kind, year });
    const set = sets.find((candidate) => candidate.scopeAreaCode === null);
    if (!set) throw new Error(`no national criteria set for ${kind} in ${year}`);
    const recognised = status === 'recognised';
    return this.evaluations.insert(kind, subject.id, year, {
      criteriaSetId: set.id,
      registered: true,
      scores: {},
      total: 0,
      criteriaPassed: recognised,
      criteriaReasons: [],
      status,
      decisionNumber: recognised ? `${year}/QĐ-UBND` : null,
      decisionDate: recognised ? `${year}-12-15` : null,
      reviewComment: null,
      version: 1,
    });
  }

  /** Finalises the year for the area and everything below it as it stood that year. */
  async yearLock(area: Ref, year: number): Promise<void> {
    await this.locks.lock(area.id, year, 'admin');
  }
}

function period(options: Period): { activeFrom: string; deactivatedOn: string | null } {
  return { activeFrom: options.activeFrom ?? SINCE, deactivatedOn: options.deactivatedOn ?? null };
}

/** The columns clans and units share: a name, the commune they are placed in, a period. */
function communeSubject(
  prefix: string,
  noun: string,
  options: { commune: Ref; code?: string } & Period,
) {
  const code = options.code ?? uniqueCode(prefix);
  const name = `${noun} ${code}`;
  return {
    code,
    name,
    nameFolded: foldForSearch(name),
    placeId: options.commune.id,
    ...period(options),
  };
}

function ref(row: { id: number; code: string } | null): Ref {
  if (!row) throw new Error('the row just written is not there');
  return { id: row.id, code: row.code };
}
