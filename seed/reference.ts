import {
  foldForSearch,
  formatNumberVi,
  validateCriteriaSet,
  validateTargetPlan,
  type CriteriaSetRules,
  type CriterionRule,
  type ModelKind,
  type TargetPlan,
  type TargetPlanValue,
} from '@app/domain';
import {
  AreasRepository,
  CriteriaSetsRepository,
  TargetsRepository,
  type AreaParentWrite,
  type AreaWrite,
  type Db,
} from '@app/database';
import { Random } from './random.js';

export type AreaSeed = Omit<AreaWrite, 'nameFolded'>;

export interface HamletSeed extends AreaSeed {
  communeCode: string;
  /** Households living there, generated with the hamlet: the demo creates exactly this many. */
  households: number;
}

export interface CriteriaSetSeed {
  code: string;
  name: string;
  sourceNote: string;
  fromYear: number;
  toYear: number;
  rules: CriteriaSetRules;
}

export interface TargetPlanSeed extends TargetPlan {
  sourceNote: string;
}

const SINCE = '2010-01-01';

export const PROVINCE: AreaSeed = {
  code: 'TT_HUE',
  name: 'Thừa Thiên Huế',
  level: 'province',
  typeLabel: 'tỉnh',
  difficult: false,
  validFrom: '1989-07-01',
  note: null,
};

export const DISTRICTS: AreaSeed[] = [
  {
    code: 'HUONG_THUY',
    name: 'Hương Thủy',
    level: 'district',
    typeLabel: 'thị xã',
    difficult: false,
    validFrom: SINCE,
    note: null,
  },
  {
    code: 'TP_HUE',
    name: 'Huế',
    level: 'district',
    typeLabel: 'thành phố',
    difficult: false,
    validFrom: SINCE,
    note: null,
  },
];

interface CommuneSpec {
  code: string;
  name: string;
  typeLabel: 'phường' | 'xã';
  /** Mountainous: measured against the difficult-area targets where a plan has them. */
  difficult?: true;
  /** Demo estimate: no published household count was found (about 24,600 for the thị xã). */
  households: number;
}

const COMMUNE_SPECS: CommuneSpec[] = [
  { code: 'HT_PHU_BAI', name: 'Phú Bài', typeLabel: 'phường', households: 3600 },
  { code: 'HT_THUY_LUONG', name: 'Thủy Lương', typeLabel: 'phường', households: 2000 },
  { code: 'HT_THUY_CHAU', name: 'Thủy Châu', typeLabel: 'phường', households: 2600 },
  { code: 'HT_THUY_PHUONG', name: 'Thủy Phương', typeLabel: 'phường', households: 3100 },
  { code: 'HT_THUY_DUONG', name: 'Thủy Dương', typeLabel: 'phường', households: 3300 },
  { code: 'HT_THUY_BANG', name: 'Thủy Bằng', typeLabel: 'xã', households: 2100 },
  { code: 'HT_THUY_VAN', name: 'Thủy Vân', typeLabel: 'xã', households: 1500 },
  { code: 'HT_THUY_THANH', name: 'Thủy Thanh', typeLabel: 'xã', households: 2200 },
  { code: 'HT_THUY_PHU', name: 'Thủy Phù', typeLabel: 'xã', households: 1900 },
  { code: 'HT_THUY_TAN', name: 'Thủy Tân', typeLabel: 'xã', households: 1100 },
  { code: 'HT_DUONG_HOA', name: 'Dương Hòa', typeLabel: 'xã', households: 620, difficult: true },
  { code: 'HT_PHU_SON', name: 'Phú Sơn', typeLabel: 'xã', households: 560, difficult: true },
];

export const COMMUNES: AreaSeed[] = COMMUNE_SPECS.map((c) => ({
  code: c.code,
  name: c.name,
  level: 'commune',
  typeLabel: c.typeLabel,
  difficult: c.difficult ?? false,
  validFrom: SINCE,
  note: c.difficult ? 'Xã miền núi' : null,
}));

const HAMLET_MIN_HOUSEHOLDS = 100;

/**
 * Hamlet lists were not found, so they are generated: a phường has 10–20 tổ dân phố, a xã 5–12
 * thôn. The count is bounded so that the average hamlet has 110–250 households; with weights in
 * [0.7, 1.3] no hamlet then exceeds 100 + 150 × 1.3 / 0.7 < 400 households.
 */
function generateHamlets(commune: CommuneSpec, random: Random): HamletSeed[] {
  const ward = commune.typeLabel === 'phường';
  const [fewest, most] = ward ? [10, 20] : [5, 12];
  const count = random.int(
    Math.max(fewest, Math.ceil(commune.households / 250)),
    Math.min(most, Math.floor(commune.households / 110)),
  );
  const weights = Array.from({ length: count }, () => random.between(0.7, 1.3));
  const weightSum = weights.reduce((sum, w) => sum + w, 0);
  const extra = commune.households - HAMLET_MIN_HOUSEHOLDS * count;
  const sizes = weights.map((w) => HAMLET_MIN_HOUSEHOLDS + Math.floor((extra * w) / weightSum));
  // Flooring leaves fewer than `count` households over: one more each for the first hamlets.
  const left = commune.households - sizes.reduce((sum, n) => sum + n, 0);
  for (let i = 0; i < left; i++) sizes[i] += 1;

  const typeLabel = ward ? 'tổ dân phố' : 'thôn';
  return sizes.map((households, i) => ({
    code: `${commune.code}_T${String(i + 1).padStart(2, '0')}`,
    name: `${ward ? 'Tổ dân phố' : 'Thôn'} ${i + 1}`,
    level: 'hamlet',
    typeLabel,
    difficult: commune.difficult ?? false,
    validFrom: SINCE,
    note: null,
    communeCode: commune.code,
    households,
  }));
}

const hamletRandom = new Random('huong-thuy-hamlets');
export const HAMLETS: HamletSeed[] = COMMUNE_SPECS.flatMap((c) => generateHamlets(c, hamletRandom));

export const AREAS: AreaSeed[] = [PROVINCE, ...DISTRICTS, ...COMMUNES, ...HAMLETS];

const TRANSFERRED_2021 = new Set(['HT_THUY_VAN', 'HT_THUY_BANG']);

const link = (areaCode: string, parentCode: string): AreaParentWrite => ({
  areaCode,
  parentCode,
  validFrom: SINCE,
  validTo: null,
  note: null,
});

export const AREA_PARENTS: AreaParentWrite[] = [
  link('HUONG_THUY', 'TT_HUE'),
  link('TP_HUE', 'TT_HUE'),
  ...COMMUNES.flatMap((c) =>
    TRANSFERRED_2021.has(c.code)
      ? [
          { ...link(c.code, 'HUONG_THUY'), validTo: '2021-06-30' },
          {
            ...link(c.code, 'TP_HUE'),
            validFrom: '2021-07-01',
            note: 'Chuyển về thành phố Huế từ 01/07/2021',
          },
        ]
      : [link(c.code, 'HUONG_THUY')],
  ),
  ...HAMLETS.map((h) => link(h.code, h.communeCode)),
];

const QD448 =
  'QĐ 448/QĐ-KHVN của Hội Khuyến học Việt Nam (2015), tiêu chí khung giai đoạn 2016–2020; ' +
  'các tỉnh được vận dụng điều chỉnh.';

/** Recalled localisation, kept as data: each criterion needs at least half its maximum. */
function withHalfMinimum(criteria: Omit<CriterionRule, 'minPoints'>[]): CriterionRule[] {
  return criteria.map((c) => ({ ...c, minPoints: c.maxPoints / 2 }));
}

const MEMBER_FAMILIES_HALF = [{ type: 'member_families_recognised' as const, minShare: 50 }];

export const CRITERIA_SETS: CriteriaSetSeed[] = [
  {
    code: 'QD448_2016_FAMILY',
    name: 'Tiêu chí Gia đình học tập (QĐ 448/QĐ-KHVN)',
    sourceNote:
      `${QD448} Tên 4 tiêu chí, các chỉ số 1a, 1b, 1c (10 điểm mỗi chỉ số), 2a, 2b theo văn bản. ` +
      'Giá trị điểm tiêu chí 3 và 4, nội dung chỉ số 2c, ngưỡng đạt 80/100 điểm và điểm tối thiểu ' +
      'mỗi tiêu chí (50% điểm tối đa) là giá trị tham khảo (chưa đối chiếu văn bản gốc).',
    fromYear: 2016,
    toYear: 2020,
    rules: {
      kind: 'family',
      passThreshold: 80,
      criteria: withHalfMinimum([
        {
          code: '1',
          title: 'Học tập của trẻ em trong gia đình',
          maxPoints: 30,
          indicators: [
            {
              code: '1a',
              title: 'Trẻ em trong độ tuổi đi học đều được đến trường, hoàn thành phổ cập giáo dục',
              maxPoints: 10,
            },
            {
              code: '1b',
              title: 'Kết quả học tập từ trung bình trở lên, hạnh kiểm từ khá trở lên',
              maxPoints: 10,
            },
            {
              code: '1c',
              title: 'Trung thực, lễ phép; tham gia các hoạt động ở địa phương',
              maxPoints: 10,
            },
          ],
        },
        {
          code: '2',
          title: 'Học tập của người lớn',
          maxPoints: 30,
          indicators: [
            {
              code: '2a',
              title: 'Người lớn từ 19 đến 60 tuổi biết chữ mức độ 1 trở lên',
              maxPoints: 10,
            },
            {
              code: '2b',
              title: 'Mỗi người lớn tham gia ít nhất một hoạt động học tập trong năm',
              maxPoints: 10,
            },
            {
              code: '2c',
              title: 'Vận dụng kiến thức đã học vào lao động, sản xuất và đời sống',
              maxPoints: 10,
            },
          ],
        },
        {
          code: '3',
          title: 'Điều kiện học tập của gia đình (góc học tập, sách báo, phương tiện)',
          maxPoints: 20,
        },
        {
          code: '4',
          title: 'Tác động, hiệu quả học tập',
          maxPoints: 20,
        },
      ]),
      dependencyRules: [],
    },
  },
  {
    code: 'QD448_2016_CLAN',
    name: 'Tiêu chí Dòng họ học tập (QĐ 448/QĐ-KHVN)',
    sourceNote:
      `${QD448} Tên và điểm các tiêu chí, ngưỡng đạt 80/100 điểm, điểm tối thiểu mỗi tiêu chí ` +
      '(50% điểm tối đa) và quy tắc ít nhất 50% số hộ của dòng họ đạt danh hiệu Gia đình học tập ' +
      'là giá trị tham khảo (chưa đối chiếu văn bản gốc); một số tỉnh quy định 60–70%.',
    fromYear: 2016,
    toYear: 2020,
    rules: {
      kind: 'clan',
      passThreshold: 80,
      criteria: withHalfMinimum([
        { code: '1', title: 'Học tập của con cháu trong dòng họ', maxPoints: 30 },
        { code: '2', title: 'Học tập của người lớn trong dòng họ', maxPoints: 30 },
        {
          code: '3',
          title: 'Điều kiện học tập: quỹ khuyến học, tủ sách, nơi sinh hoạt của dòng họ',
          maxPoints: 20,
        },
        {
          code: '4',
          title: 'Hoạt động khuyến học, khuyến tài và hiệu quả học tập của dòng họ',
          maxPoints: 20,
        },
      ]),
      dependencyRules: MEMBER_FAMILIES_HALF,
    },
  },
  {
    code: 'QD448_2016_COMMUNITY',
    name: 'Tiêu chí Cộng đồng học tập cấp thôn, tổ dân phố (QĐ 448/QĐ-KHVN)',
    sourceNote:
      `${QD448} Tên và điểm các tiêu chí, ngưỡng đạt 80/100 điểm, điểm tối thiểu mỗi tiêu chí ` +
      '(50% điểm tối đa) và quy tắc ít nhất 50% số hộ của thôn, tổ dân phố đạt danh hiệu Gia đình ' +
      'học tập là giá trị tham khảo (chưa đối chiếu văn bản gốc); một số tỉnh quy định 60–70%.',
    fromYear: 2016,
    toYear: 2020,
    rules: {
      kind: 'community',
      passThreshold: 80,
      criteria: withHalfMinimum([
        { code: '1', title: 'Phong trào học tập của người dân', maxPoints: 30 },
        {
          code: '2',
          title: 'Điều kiện học tập: trung tâm học tập cộng đồng, nhà văn hóa, tủ sách',
          maxPoints: 20,
        },
        { code: '3', title: 'Hoạt động khuyến học, khuyến tài', maxPoints: 20 },
        {
          code: '4',
          title: 'Hiệu quả học tập: đời sống kinh tế, văn hóa, an ninh trật tự',
          maxPoints: 30,
        },
      ]),
      dependencyRules: MEMBER_FAMILIES_HALF,
    },
  },
  {
    code: 'QD448_2016_UNIT',
    name: 'Tiêu chí Đơn vị học tập cấp xã (QĐ 448/QĐ-KHVN)',
    sourceNote:
      `${QD448} Biểu điểm 100 điểm kèm biên bản tự đánh giá. Tên và điểm các tiêu chí, ngưỡng ` +
      'đạt 80/100 điểm là giá trị tham khảo (chưa đối chiếu văn bản gốc); không có điểm tối ' +
      'thiểu cho từng tiêu chí.',
    fromYear: 2016,
    toYear: 2020,
    rules: {
      kind: 'unit',
      passThreshold: 80,
      criteria: [
        {
          code: '1',
          title: 'Kế hoạch và tổ chức học tập của cơ quan, đơn vị',
          maxPoints: 20,
          minPoints: null,
        },
        {
          code: '2',
          title: 'Cán bộ, người lao động học tập nâng cao trình độ, kỹ năng',
          maxPoints: 25,
          minPoints: null,
        },
        {
          code: '3',
          title: 'Điều kiện học tập: tủ sách, thời gian và kinh phí hỗ trợ',
          maxPoints: 15,
          minPoints: null,
        },
        {
          code: '4',
          title: 'Ứng dụng công nghệ thông tin, chia sẻ tri thức trong đơn vị',
          maxPoints: 15,
          minPoints: null,
        },
        {
          code: '5',
          title: 'Hiệu quả: hoàn thành nhiệm vụ, danh hiệu thi đua',
          maxPoints: 25,
          minPoints: null,
        },
      ],
      dependencyRules: [],
    },
  },
];

type Floors = Record<ModelKind, number | [floor: number, stretch: number]>;

function targetValues(variant: TargetPlanValue['variant'], floors: Floors): TargetPlanValue[] {
  return (Object.entries(floors) as [ModelKind, Floors[ModelKind]][]).map(([kind, floor]) => ({
    variant,
    kind,
    floor: Array.isArray(floor) ? floor[0] : floor,
    stretch: Array.isArray(floor) ? floor[1] : null,
  }));
}

export const TARGET_PLANS: TargetPlanSeed[] = [
  {
    code: 'HUONG_THUY_2020',
    name: 'Kế hoạch xây dựng xã hội học tập thị xã Hương Thủy đến năm 2020',
    sourceNote:
      'Kế hoạch của thị xã Hương Thủy, nêu tại lớp tập huấn ngày 25–26/10/2018: đến năm 2020 có ' +
      '80% gia đình, 60% dòng họ, 80% cộng đồng và 50–60% đơn vị đạt danh hiệu học tập.',
    scopeAreaCode: 'HUONG_THUY',
    milestoneYear: 2020,
    values: targetValues('standard', { family: 80, clan: 60, community: 80, unit: [50, 60] }),
    // "100% of the district's Study Promotion officials and members trained by 2020".
    training: [{ group: 'association', floor: 100 }],
  },
  {
    code: 'QD281_2020',
    name: 'QĐ 281/QĐ-TTg ngày 20/02/2014',
    sourceNote:
      'Quyết định 281/QĐ-TTg ngày 20/02/2014 của Thủ tướng Chính phủ phê duyệt Đề án “Đẩy mạnh ' +
      'phong trào học tập suốt đời trong gia đình, dòng họ, cộng đồng đến năm 2020”; chỉ tiêu ' +
      'riêng cho vùng miền núi, vùng khó khăn.',
    scopeAreaCode: null,
    milestoneYear: 2020,
    values: [
      ...targetValues('standard', { family: 70, clan: 50, community: 60, unit: 50 }),
      ...targetValues('difficult', { family: 60, clan: 40, community: 50, unit: 50 }),
    ],
  },
  {
    code: 'QD387_2025',
    name: 'QĐ 387/QĐ-TTg ngày 25/03/2022',
    sourceNote:
      'Quyết định 387/QĐ-TTg ngày 25/03/2022 của Thủ tướng Chính phủ phê duyệt Chương trình “Đẩy ' +
      'mạnh phong trào học tập suốt đời trong gia đình, dòng họ, cộng đồng, đơn vị giai đoạn ' +
      '2021–2030”: chỉ tiêu đến năm 2025.',
    scopeAreaCode: null,
    milestoneYear: 2025,
    values: targetValues('standard', { family: 70, clan: 65, community: 65, unit: 80 }),
  },
];

/** Fails before writing anything when an edit to the constants above breaks a domain rule. */
function assertValid(): void {
  const areaCodes = new Set(AREAS.map((a) => a.code));
  const problems = [
    ...CRITERIA_SETS.flatMap((s) =>
      validateCriteriaSet(s.rules).map((p) => `${s.code}: ${p.message}`),
    ),
    ...TARGET_PLANS.flatMap((p) => validateTargetPlan(p).map((q) => `${p.code}: ${q.message}`)),
    // An unknown scope would silently turn into a national plan.
    ...TARGET_PLANS.filter((p) => p.scopeAreaCode !== null && !areaCodes.has(p.scopeAreaCode)).map(
      (p) => `${p.code}: không có địa bàn ${p.scopeAreaCode}`,
    ),
  ];
  if (problems.length > 0)
    throw new Error(`Dữ liệu tham chiếu không hợp lệ:\n${problems.join('\n')}`);
}

/**
 * Upserts the reference data by code; safe to run again. Run it inside `db.transactional`.
 *
 * What an administrator may have changed since is left alone: an area's validity and difficult
 * flag (a merger ends an area), parent links overlapping the seeded ones (a later transfer), and
 * existing criteria sets (versioned data). Area spelling and target plans follow the seed.
 */
export async function seedReference(db: Db, log: (line: string) => void): Promise<void> {
  assertValid();
  const areas = new AreasRepository(db);
  const changedAreas = await areas.upsertByCode(
    AREAS.map((area) => ({ ...area, nameFolded: foldForSearch(area.name) })),
  );
  log(`Địa bàn: ${formatNumberVi(AREAS.length)} (thêm hoặc sửa ${changedAreas})`);

  const newLinks = await areas.addParentsWhereNone(AREA_PARENTS);
  log(`Liên kết địa bàn cấp trên: ${AREA_PARENTS.length} (thêm ${newLinks})`);

  const criteriaSets = new CriteriaSetsRepository(db);
  let newSets = 0;
  for (const set of CRITERIA_SETS) {
    // National framework sets, which provinces may localise; a stored one is versioned data.
    if (await criteriaSets.findByCode(set.code)) continue;
    await criteriaSets.insert({
      ...set,
      kind: set.rules.kind,
      localisable: true,
      scopeAreaId: null,
    });
    newSets++;
  }
  log(`Bộ tiêu chí: ${CRITERIA_SETS.length} (thêm ${newSets})`);

  const targets = new TargetsRepository(db);
  const scopes = await areas.idsByCode(
    TARGET_PLANS.flatMap((plan) => (plan.scopeAreaCode === null ? [] : [plan.scopeAreaCode])),
  );
  for (const plan of TARGET_PLANS) {
    await targets.upsert({
      ...plan,
      scopeAreaId: plan.scopeAreaCode === null ? null : (scopes.get(plan.scopeAreaCode) ?? null),
      training: plan.training ?? [],
    });
  }
  log(`Kế hoạch chỉ tiêu: ${TARGET_PLANS.length}`);
}
