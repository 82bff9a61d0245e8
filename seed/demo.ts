import type { DataSource } from 'typeorm';
import {
  AreasRepository,
  CriteriaSetsRepository,
  Db,
  EvaluationsRepository,
  RegistryRepository,
  type RegistryWrite,
} from '@app/database';
import {
  foldForSearch,
  formatNumberVi,
  maxTotal,
  MODEL_KINDS,
  scoreEvaluation,
  type CriteriaSetRules,
  type DependencyFigures,
  type FailureReason,
  type ModelKind,
  type RegistryKind,
  type ScoreSheet,
  type UnitCategory,
} from '@app/domain';
import { ENTERPRISE_NAMES, FAMILY_NAMES, MALE_MIDDLE_NAMES, personName } from './names.js';
import { Random, unitHash } from './random.js';
import { COMMUNES, CRITERIA_SETS, HAMLETS, type HamletSeed } from './reference.js';
import { seedTraining } from './training.js';

export interface DemoSummary {
  households: number;
  clans: number;
  units: number;
  evaluations: number;
}

/** Prefix of every random stream: the same prefix always gives the same demo. */
const DEMO = 'huong-thuy-demo';
const FIRST_YEAR = 2016;
const LAST_YEAR = 2020;
const SINCE = '2010-01-01';
const BATCH_SIZE = 5000;

/** How far ahead each commune is in the movement (0–1). Demo values: the mountainous xã lag. */
const STRENGTH = new Map([
  ['HT_PHU_BAI', 0.9],
  ['HT_THUY_LUONG', 0.45],
  ['HT_THUY_CHAU', 0.5],
  ['HT_THUY_PHUONG', 0.7],
  ['HT_THUY_DUONG', 0.85],
  ['HT_THUY_BANG', 0.6],
  ['HT_THUY_VAN', 0.75],
  ['HT_THUY_THANH', 0.55],
  ['HT_THUY_PHU', 0.3],
  ['HT_THUY_TAN', 0.25],
  ['HT_DUONG_HOA', 0],
  ['HT_PHU_SON', 0],
]);

type Line = readonly [base: number, perStrength: number];

/**
 * Share of active subjects that pass their criteria, in the first and the last year (linear in
 * between), as base + perStrength × strength. Clans and communities must also meet their family
 * share, so slightly fewer of them are recognised.
 */
const PASS_SHARE: Record<ModelKind, { first: Line; last: Line }> = {
  family: { first: [0.55, 0.1], last: [0.73, 0.17] },
  clan: { first: [0.4, 0.1], last: [0.56, 0.16] },
  community: { first: [0.5, 0.1], last: [0.78, 0.12] },
  unit: { first: [0.3, 0.1], last: [0.45, 0.2] },
};

/** Share of households that belong to a clan of their family name, where the commune has one. */
const CLAN_MEMBERSHIP = 0.72;

const HOUSEHOLD_SIZES: readonly (readonly [number, number])[] = [
  [1, 4],
  [2, 10],
  [3, 20],
  [4, 28],
  [5, 20],
  [6, 10],
  [7, 5],
  [8, 3],
];

interface Period {
  code: string;
  activeFrom: string;
  deactivatedOn: string | null;
}

interface Clan extends Period {
  name: string;
  familyName: string;
  communeCode: string;
  headName: string;
}

interface Unit extends Period {
  name: string;
  category: UnitCategory;
  communeCode: string;
  headName: string;
}

interface Household extends Period {
  headName: string;
  hamlet: HamletSeed;
  clan: Clan | null;
  members: number;
  deactivationReason: string | null;
}

interface Evaluation {
  kind: ModelKind;
  year: number;
  subjectId: number;
  criteriaSetId: number;
  scores: ScoreSheet;
  total: number;
  criteriaPassed: boolean;
  criteriaReasons: FailureReason[];
  decision: { number: string; date: string } | null;
}

interface LoadedSet {
  id: number;
  rules: CriteriaSetRules;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** Same rule as the registers: active for any day of the year. */
const activeIn = (subject: Period, year: number) =>
  subject.activeFrom <= `${year}-12-31` &&
  (subject.deactivatedOn === null || subject.deactivatedOn > `${year}-01-01`);

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

function strengthOf(communeCode: string): number {
  const strength = STRENGTH.get(communeCode);
  if (strength === undefined) throw new Error(`Thiếu hệ số cho ${communeCode} trong dữ liệu mẫu`);
  return strength;
}

function passShare(kind: ModelKind, communeCode: string, year: number): number {
  const strength = strengthOf(communeCode);
  const { first, last } = PASS_SHARE[kind];
  const from = first[0] + first[1] * strength;
  const to = last[0] + last[1] * strength;
  const wobble = (unitHash(`${DEMO}:share:${kind}:${communeCode}:${year}`) - 0.5) * 0.03;
  return from + ((to - from) * (year - FIRST_YEAR)) / (LAST_YEAR - FIRST_YEAR) + wobble;
}

/** A few percentage points more register than pass: they tried and fell short. */
const registeredShare = (share: number, label: string) =>
  share + 0.03 + 0.05 * unitHash(`${DEMO}:registered:${label}`);

function generateClans(): Clan[] {
  const random = new Random(`${DEMO}:clans`);
  const householdsOf = (communeCode: string) =>
    HAMLETS.filter((h) => h.communeCode === communeCode).reduce((sum, h) => sum + h.households, 0);
  return COMMUNES.flatMap((commune) => {
    const count = Math.min(35, Math.max(20, Math.round(householdsOf(commune.code) / 110)));
    const lineages = Array.from({ length: count }, () => {
      const familyName = random.weighted(FAMILY_NAMES);
      const middleName = random.chance(0.7) ? random.weighted(MALE_MIDDLE_NAMES) : null;
      return {
        familyName,
        middleName,
        label: `Họ ${familyName}${middleName ? ` ${middleName}` : ''}`,
      };
    });
    // Several lineages share a name within a commune; they are told apart as branches (chi).
    const sameName = groupBy(lineages, (l) => l.label);
    const branch = new Map<string, number>();
    return lineages.map((lineage, i): Clan => {
      const n = (branch.get(lineage.label) ?? 0) + 1;
      branch.set(lineage.label, n);
      const shared = (sameName.get(lineage.label)?.length ?? 0) > 1;
      const headMiddle = lineage.middleName ?? random.weighted(MALE_MIDDLE_NAMES);
      return {
        code: `${commune.code}_DH${pad(i + 1, 2)}`,
        name: shared ? `${lineage.label} (chi ${n})` : lineage.label,
        familyName: lineage.familyName,
        communeCode: commune.code,
        headName: personName(random, lineage.familyName, headMiddle),
        activeFrom: SINCE,
        deactivatedOn: null,
      };
    });
  });
}

function generateUnits(): Unit[] {
  const random = new Random(`${DEMO}:units`);
  const enterprises = random.shuffle(ENTERPRISE_NAMES);
  return COMMUNES.flatMap((commune) => {
    const place = `${commune.typeLabel} ${commune.name}`;
    const ward = commune.typeLabel === 'phường';
    const named: [UnitCategory, string][] = [
      ['agency', `UBND ${place}`],
      ['agency', `Công an ${place}`],
      ['other', `Ủy ban MTTQ Việt Nam ${place}`],
      ['other', `Hội Khuyến học ${place}`],
      ['health', `Trạm Y tế ${place}`],
      ['school', `Trường Mầm non ${commune.name}`],
      ['school', `Trường Tiểu học ${commune.name}`],
      ['school', `Trường THCS ${commune.name}`],
      ['cooperative', `Hợp tác xã ${ward ? 'dịch vụ ' : ''}nông nghiệp ${commune.name}`],
    ];
    const count = ward ? random.int(12, 15) : random.int(10, 12);
    while (named.length < count) named.push(['enterprise', enterprises.pop() as string]);
    return named.map(([category, name], i): Unit => ({
      code: `${commune.code}_DV${pad(i + 1, 2)}`,
      name,
      category,
      communeCode: commune.code,
      headName: personName(random, random.weighted(FAMILY_NAMES)),
      // Some enterprises were founded during the period.
      activeFrom: category === 'enterprise' && random.chance(0.4) ? random.date(2011, 2018) : SINCE,
      deactivatedOn: null,
    }));
  });
}

function generateHouseholds(clans: Clan[]): Household[] {
  const random = new Random(`${DEMO}:households`);
  const clansByName = groupBy(clans, (c) => `${c.communeCode}:${c.familyName}`);
  return HAMLETS.flatMap((hamlet) =>
    Array.from({ length: hamlet.households }, (_, i): Household => {
      const familyName = random.weighted(FAMILY_NAMES);
      const headName = personName(random, familyName);
      const candidates = clansByName.get(`${hamlet.communeCode}:${familyName}`) ?? [];
      const clan =
        candidates.length > 0 && random.chance(CLAN_MEMBERSHIP) ? random.pick(candidates) : null;
      // A few households were formed later (a son setting up his own household).
      const activeFrom = random.chance(0.04) ? random.date(2011, 2019) : SINCE;
      const leftOn = random.chance(0.025) ? random.date(2017, 2020) : null;
      const deactivatedOn = leftOn !== null && leftOn > activeFrom ? leftOn : null;
      return {
        code: `${hamlet.code}_H${pad(i + 1, 4)}`,
        headName,
        hamlet,
        clan,
        members: random.weighted(HOUSEHOLD_SIZES),
        activeFrom,
        deactivatedOn,
        deactivationReason: deactivatedOn === null ? null : 'Chuyển đi nơi khác',
      };
    }),
  );
}

/**
 * The subjects of a group that register in a year, best first, with whether they are meant to
 * pass. They are ranked by a standing that mostly persists, so who passed tends to pass again.
 */
function registrants<T extends Period>(
  subjects: T[],
  year: number,
  share: number,
  label: string,
): [T, boolean][] {
  const passing = Math.round(Math.min(1, Math.max(0, share)) * subjects.length);
  const registered = Math.round(Math.min(1, registeredShare(share, label)) * subjects.length);
  return subjects
    .map((subject) => ({
      subject,
      standing:
        unitHash(`${DEMO}:standing:${subject.code}`) +
        0.35 * unitHash(`${DEMO}:standing:${subject.code}:${year}`),
    }))
    .sort((a, b) => a.standing - b.standing)
    .slice(0, Math.max(passing, registered))
    .map(({ subject }, i) => [subject, i < passing]);
}

const halfUp = (points: number) => Math.ceil(points * 2 - 1e-9) / 2;
const halfDown = (points: number) => Math.floor(points * 2) / 2;

/**
 * Half points, each criterion at least its minimum and at least the pass ratio of its maximum,
 * so the total reaches the threshold.
 */
function passingPoints(rules: CriteriaSetRules, random: Random): ScoreSheet {
  const ratio = rules.passThreshold / maxTotal(rules);
  return Object.fromEntries(
    rules.criteria.map((c) => {
      const lowest = Math.max(ratio, (c.minPoints ?? 0) / c.maxPoints);
      return [c.code, Math.min(c.maxPoints, halfUp(c.maxPoints * random.between(lowest, 1)))];
    }),
  );
}

/** Most fall short on the total; some score well but miss one criterion's minimum. */
function failingPoints(rules: CriteriaSetRules, random: Random): ScoreSheet {
  const ratio = rules.passThreshold / maxTotal(rules);
  const withMinimum = rules.criteria.filter((c) => (c.minPoints ?? 0) > 0);
  const weak = withMinimum.length > 0 && random.chance(0.25) ? random.pick(withMinimum) : null;
  const passing = passingPoints(rules, random);
  return Object.fromEntries(
    rules.criteria.map((c) => {
      if (c === weak) {
        return [
          c.code,
          halfDown(c.maxPoints * random.between(0.2, (c.minPoints ?? 0) / c.maxPoints)),
        ];
      }
      if (weak !== null) return [c.code, passing[c.code]];
      return [c.code, halfDown(c.maxPoints * random.between(Math.max(0, ratio - 0.25), ratio))];
    }),
  );
}

/** One recognition decision per commune, year and kind, signed in mid-December. */
function decisionFor(communeCode: string, year: number, kind: ModelKind) {
  const first = 120 + Math.floor(150 * unitHash(`${DEMO}:decision:${communeCode}:${year}`));
  const day = 10 + Math.floor(11 * unitHash(`${DEMO}:decision-day:${communeCode}:${year}`));
  return { number: `${first + MODEL_KINDS.indexOf(kind)}/QĐ-UBND`, date: `${year}-12-${day}` };
}

/**
 * Scores a registrant as the API would: the stored criteria result ignores dependency rules,
 * recognition needs them too.
 */
function evaluate(
  set: LoadedSet,
  subject: { id: number; code: string; communeCode: string },
  year: number,
  intendedPass: boolean,
  dependencies: DependencyFigures[],
): Evaluation {
  const { rules } = set;
  const random = new Random(`${DEMO}:scores:${rules.kind}:${subject.code}:${year}`);
  const scores = intendedPass ? passingPoints(rules, random) : failingPoints(rules, random);
  const input = { registered: true, scores };
  const criteriaOnly = scoreEvaluation(rules, input, []);
  const criteriaReasons = criteriaOnly.reasons.filter((r) => r.code !== 'DEPENDENCY_UNMET');
  const criteriaPassed = criteriaReasons.length === 0;
  const recognised =
    criteriaPassed &&
    (rules.dependencyRules.length === 0 || scoreEvaluation(rules, input, dependencies).passed);
  return {
    kind: rules.kind,
    year,
    subjectId: subject.id,
    criteriaSetId: set.id,
    scores,
    total: criteriaOnly.total,
    criteriaPassed,
    criteriaReasons,
    decision: recognised ? decisionFor(subject.communeCode, year, rules.kind) : null,
  };
}

function memberFigures(
  members: Household[],
  year: number,
  recognised: Set<string>,
): DependencyFigures[] {
  const active = members.filter((h) => activeIn(h, year));
  return [
    {
      type: 'member_families_recognised',
      members: active.length,
      recognised: active.filter((h) => recognised.has(h.code)).length,
    },
  ];
}

interface Registry {
  clans: Clan[];
  units: Unit[];
  households: Household[];
  /** Database ids by kind and code (community: the hamlet's area id). */
  ids: Record<ModelKind, Map<string, number>>;
}

/** Year by year: families first, since clans and communities depend on their results. */
function generateEvaluations(sets: Record<ModelKind, LoadedSet>, registry: Registry): Evaluation[] {
  const householdsByHamlet = groupBy(registry.households, (h) => h.hamlet.code);
  const householdsByClan = groupBy(registry.households, (h) => h.clan?.code ?? '');
  const clansByCommune = groupBy(registry.clans, (c) => c.communeCode);
  const unitsByCommune = groupBy(registry.units, (u) => u.communeCode);
  const hamletsByCommune = groupBy(
    HAMLETS.map((h) => ({ ...h, activeFrom: h.validFrom, deactivatedOn: null })),
    (h) => h.communeCode,
  );
  const evaluations: Evaluation[] = [];

  for (let year = FIRST_YEAR; year <= LAST_YEAR; year++) {
    const recognisedFamilies = new Set<string>();
    const record = (
      kind: ModelKind,
      [subject, pass]: [Period, boolean],
      communeCode: string,
      dependencies: DependencyFigures[],
    ) => {
      const id = registry.ids[kind].get(subject.code) as number;
      const evaluation = evaluate(
        sets[kind],
        { id, code: subject.code, communeCode },
        year,
        pass,
        dependencies,
      );
      evaluations.push(evaluation);
      return evaluation.decision !== null;
    };

    for (const hamlet of HAMLETS) {
      const active = (householdsByHamlet.get(hamlet.code) ?? []).filter((h) => activeIn(h, year));
      // Hamlets of one commune differ a little around the commune's share.
      const jitter = (unitHash(`${DEMO}:hamlet:${hamlet.code}`) - 0.5) * 0.12;
      const share = passShare('family', hamlet.communeCode, year) + jitter;
      for (const registrant of registrants(active, year, share, `${hamlet.code}:${year}`)) {
        if (record('family', registrant, hamlet.communeCode, [])) {
          recognisedFamilies.add(registrant[0].code);
        }
      }
    }

    for (const commune of COMMUNES) {
      const registered = (kind: ModelKind, subjects: Period[]) =>
        registrants(
          subjects.filter((s) => activeIn(s, year)),
          year,
          passShare(kind, commune.code, year),
          `${kind}:${commune.code}:${year}`,
        );
      const membersOf = (groups: Map<string, Household[]>, code: string) =>
        memberFigures(groups.get(code) ?? [], year, recognisedFamilies);

      for (const registrant of registered('clan', clansByCommune.get(commune.code) ?? [])) {
        record('clan', registrant, commune.code, membersOf(householdsByClan, registrant[0].code));
      }
      for (const registrant of registered('community', hamletsByCommune.get(commune.code) ?? [])) {
        const figures = membersOf(householdsByHamlet, registrant[0].code);
        record('community', registrant, commune.code, figures);
      }
      for (const registrant of registered('unit', unitsByCommune.get(commune.code) ?? [])) {
        record('unit', registrant, commune.code, []);
      }
    }
  }
  return evaluations;
}

/**
 * Writes the rows a batch at a time, logging the progress: the demo's larger tables take a while
 * on a first run.
 */
async function inBatches<T>(
  label: string,
  rows: T[],
  write: (batch: T[]) => Promise<unknown>,
  log: (line: string) => void,
): Promise<void> {
  for (let start = 0; start < rows.length; start += BATCH_SIZE) {
    const batch = rows.slice(start, start + BATCH_SIZE);
    await write(batch);
    const done = start + batch.length;
    log(`${label}: ${formatNumberVi(done)}/${formatNumberVi(rows.length)}`);
  }
}

/** The ids of every code, or a hint to seed the reference data first. */
async function requireIds(
  table: string,
  codes: string[],
  find: (codes: string[]) => Promise<Map<string, number>>,
): Promise<Map<string, number>> {
  const ids = await find(codes);
  const missing = codes.filter((code) => !ids.has(code));
  if (missing.length > 0) {
    throw new Error(
      `Không tìm thấy ${missing.length} mã trong bảng ${table} (${missing.slice(0, 3).join(', ')}…): ` +
        'hãy nạp dữ liệu tham chiếu (seedReference) trước dữ liệu mẫu',
    );
  }
  return ids;
}

/** The sets as stored, since an administrator may have localised them since they were seeded. */
async function loadCriteriaSets(
  criteriaSets: CriteriaSetsRepository,
): Promise<Record<ModelKind, LoadedSet>> {
  const seeded = new Set(CRITERIA_SETS.map((set) => set.code));
  const stored = (await criteriaSets.list({})).filter((set) => seeded.has(set.code));
  const sets = new Map(stored.map(({ id, rules }) => [rules.kind, { id, rules }]));
  return Object.fromEntries(
    MODEL_KINDS.map((kind) => {
      const set = sets.get(kind);
      if (!set)
        throw new Error(`Thiếu bộ tiêu chí QĐ 448 cho ${kind}: hãy chạy seedReference trước`);
      return [kind, set];
    }),
  ) as Record<ModelKind, LoadedSet>;
}

const idOf = (ids: Map<string, number>, code: string) => ids.get(code) as number;

/**
 * The demo of thị xã Hương Thủy, 2016–2020: households, clans, units and their evaluations, in
 * one transaction. It needs the reference data; the same code always gives the same rows.
 */
export async function seedDemo(
  dataSource: DataSource,
  log: (line: string) => void,
): Promise<DemoSummary> {
  const db = new Db(dataSource);
  const areas = new AreasRepository(db);
  const registry = new RegistryRepository(db);
  const stored = new EvaluationsRepository(db);
  const summary = await db.transactional(async () => {
    const sets = await loadCriteriaSets(new CriteriaSetsRepository(db));
    const areaIds = (codes: string[]) => areas.idsByCode(codes);
    const communeIds = await requireIds(
      'areas',
      COMMUNES.map((c) => c.code),
      areaIds,
    );
    const hamletIds = await requireIds(
      'areas',
      HAMLETS.map((h) => h.code),
      areaIds,
    );

    /** Writes a registry's subjects, a batch at a time, and returns their ids by code. */
    const write = async (
      kind: RegistryKind,
      label: string,
      rows: (RegistryWrite & { code: string })[],
    ) => {
      await inBatches(label, rows, (batch) => registry.upsertByCode(kind, batch), log);
      return requireIds(
        kind,
        rows.map((row) => row.code),
        (codes) => registry.idsByCode(kind, codes),
      );
    };

    const clans = generateClans();
    const clanIds = await write(
      'clans',
      'Dòng họ',
      clans.map((c) => ({
        code: c.code,
        name: c.name,
        nameFolded: foldForSearch(c.name),
        placeId: idOf(communeIds, c.communeCode),
        headName: c.headName,
        activeFrom: c.activeFrom,
      })),
    );
    const units = generateUnits();
    const unitIds = await write(
      'units',
      'Đơn vị',
      units.map((u) => ({
        code: u.code,
        name: u.name,
        nameFolded: foldForSearch(u.name),
        placeId: idOf(communeIds, u.communeCode),
        category: u.category,
        headName: u.headName,
        activeFrom: u.activeFrom,
      })),
    );
    const households = generateHouseholds(clans);
    const householdIds = await write(
      'households',
      'Hộ gia đình',
      households.map((h) => ({
        code: h.code,
        name: h.headName,
        nameFolded: foldForSearch(h.headName),
        placeId: idOf(hamletIds, h.hamlet.code),
        clanId: h.clan ? idOf(clanIds, h.clan.code) : null,
        members: h.members,
        activeFrom: h.activeFrom,
        deactivatedOn: h.deactivatedOn,
        deactivationReason: h.deactivationReason,
      })),
    );

    const evaluations = generateEvaluations(sets, {
      clans,
      units,
      households,
      ids: { family: householdIds, clan: clanIds, unit: unitIds, community: hamletIds },
    });
    await inBatches(
      'Đánh giá',
      evaluations,
      (batch) =>
        stored.upsertMany(
          batch.map((e) => ({
            kind: e.kind,
            year: e.year,
            subjectId: e.subjectId,
            criteriaSetId: e.criteriaSetId,
            registered: true,
            scores: e.scores,
            total: e.total,
            criteriaPassed: e.criteriaPassed,
            criteriaReasons: e.criteriaReasons,
            status: e.decision ? 'recognised' : 'draft',
            decisionNumber: e.decision?.number ?? null,
            decisionDate: e.decision?.date ?? null,
          })),
        ),
      log,
    );

    await seedTraining(db, strengthOf, log);

    const summary = {
      households: households.length,
      clans: clans.length,
      units: units.length,
      evaluations: evaluations.length,
    };
    log(
      `Dữ liệu mẫu Hương Thủy: ${formatNumberVi(summary.households)} hộ, ` +
        `${formatNumberVi(summary.clans)} dòng họ, ${formatNumberVi(summary.units)} đơn vị, ` +
        `${formatNumberVi(summary.evaluations)} đánh giá`,
    );
    return summary;
  });
  // Fresh statistics, so the planner does not treat the tables just filled as nearly empty.
  await dataSource.query(
    'ANALYZE households, clans, units, evaluations, trainees, trainee_postings, training_attendance',
  );
  return summary;
}
