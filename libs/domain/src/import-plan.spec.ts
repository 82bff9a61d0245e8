import type { CriteriaSetRules } from './criteria.js';
import {
  importList,
  planEvaluationImport,
  planRegistryImport,
  planTraineeImport,
  type EvaluationSheet,
  type ExistingEvaluation,
  type ExistingSubject,
  type ExistingTrainee,
  type HouseholdFields,
  type ImportSetting,
  type UnitFields,
} from './import-plan.js';
import type { ParsedRow, ParsedValue } from './imports.js';

const COMMUNE = 10;
const T01 = 11;
const T02 = 12;

const setting: ImportSetting = {
  commune: { id: COMMUNE, code: 'PB', name: 'Phú Bài', typeLabel: 'phường' },
  hamlets: [
    { id: T01, code: 'PB_T01', name: 'Thôn 1' },
    { id: T02, code: 'PB_T02', name: 'Thôn 2' },
  ],
  clans: [{ id: 30, code: 'PB_DH1', name: 'Họ Lê' }],
  closed: [],
  today: '2024-05-06',
  currentYear: 2024,
};

const locked = (placeId: number, year: number, areaCode = 'PB_T02'): ImportSetting => ({
  ...setting,
  closed: [{ placeId, year, areaCode }],
});

const rows = (...values: Record<string, ParsedValue>[]): ParsedRow[] =>
  values.map((row, index) => ({ row: index + 2, values: row }));

const household = (code: string, more: Record<string, ParsedValue> = {}) => ({
  code,
  headName: 'Nguyễn Văn An',
  hamletCode: 'PB_T01',
  clanCode: null,
  members: 4,
  address: null,
  activeFrom: '2016-01-01',
  ...more,
});

const recorded = (
  code: string,
  fields: Partial<HouseholdFields> = {},
  communeId = COMMUNE,
): ExistingSubject<HouseholdFields> => ({
  id: 7,
  code,
  communeId,
  activeFrom: '2016-01-01',
  deactivatedOn: null,
  fields: {
    headName: 'Nguyễn Văn An',
    hamletId: T01,
    clanId: null,
    members: 4,
    address: null,
    ...fields,
  },
});

describe('planning a registry import', () => {
  it('creates new codes, updates changed ones and leaves the same ones alone', () => {
    const plan = planRegistryImport(
      'households',
      setting,
      rows(
        household('H1'),
        household('H2', { members: 5, clanCode: 'PB_DH1' }),
        household('H3', { activeFrom: null }),
      ),
      [recorded('H1'), { ...recorded('H2'), id: 8 }],
    );
    expect(plan.unchanged).toBe(1);
    expect(plan.updates).toEqual([
      {
        id: 8,
        fields: {
          headName: 'Nguyễn Văn An',
          hamletId: T01,
          clanId: 30,
          members: 5,
          address: null,
        },
      },
    ]);
    expect(plan.creates).toEqual([
      { code: 'H3', activeFrom: '2024-05-06', fields: expect.objectContaining({ hamletId: T01 }) },
    ]);
    expect(plan.audits.map((audit) => [audit.action, audit.code, audit.areaId])).toEqual([
      ['update', 'H2', T01],
      ['create', 'H3', T01],
    ]);
    expect(plan.audits[0].before).toEqual(recorded('H2').fields);
    expect(plan.problems).toEqual([]);
  });

  it('names a hamlet or clan not of the commune, and a code registered elsewhere', () => {
    const plan = planRegistryImport(
      'households',
      setting,
      rows(household('H1', { hamletCode: 'XX_T01', clanCode: 'XX_DH1' }), household('H2')),
      [recorded('H2', {}, 99)],
    );
    expect(plan.problems).toEqual([
      {
        row: 2,
        column: 'Mã thôn',
        value: 'XX_T01',
        message: 'Mã thôn XX_T01 không thuộc phường Phú Bài',
      },
      {
        row: 2,
        column: 'Mã dòng họ',
        value: 'XX_DH1',
        message: 'Dòng họ XX_DH1 chưa đăng ký ở phường Phú Bài',
      },
      {
        row: 3,
        column: 'Mã',
        value: 'H2',
        message: 'Mã H2 đã có ở địa bàn khác; không nhập được vào phường Phú Bài',
      },
    ]);
    expect(plan.creates).toEqual([]);
  });

  it('refuses a start or a move that reaches into a finalised year of the place', () => {
    const started = planRegistryImport(
      'households',
      locked(T02, 2019),
      rows(household('H1', { hamletCode: 'PB_T02' }), household('H2')),
      [],
    );
    expect(started.problems).toEqual([
      {
        row: 2,
        column: 'Hoạt động từ ngày',
        value: '2016-01-01',
        message: 'Năm 2019 của PB_T02 đã khóa sổ; không thêm được đối tượng hoạt động từ ngày này',
      },
    ]);
    expect(started.creates.map((create) => create.code)).toEqual(['H2']);

    const moved = planRegistryImport(
      'households',
      locked(T02, 2019),
      rows(household('H1', { hamletCode: 'PB_T02' }), household('H2', { members: 9 })),
      [recorded('H1'), { ...recorded('H2'), id: 8 }],
    );
    expect(moved.problems.map((problem) => [problem.row, problem.column, problem.message])).toEqual(
      [[2, 'Mã thôn', 'Năm 2019 của PB_T02 đã khóa sổ; không chuyển được hộ sang thôn khác']],
    );
    expect(moved.updates.map((update) => update.id)).toEqual([8]);

    const rejoined = planRegistryImport(
      'households',
      locked(COMMUNE, 2020, 'PB'),
      rows(household('H1', { clanCode: 'PB_DH1' })),
      [recorded('H1')],
    );
    expect(rejoined.problems.map((problem) => problem.message)).toEqual([
      'Năm 2020 của PB đã khóa sổ; không đổi được dòng họ của hộ',
    ]);
  });

  it('places clans and units in the commune', () => {
    const unit: ExistingSubject<UnitFields> = {
      id: 3,
      code: 'DV1',
      communeId: COMMUNE,
      activeFrom: '2016-01-01',
      deactivatedOn: null,
      fields: { name: 'Trường', category: 'school', headName: null },
    };
    const plan = planRegistryImport(
      'units',
      setting,
      rows(
        { code: 'DV1', name: 'Trường', category: 'health', headName: null, activeFrom: null },
        { code: 'DV2', name: 'HTX', category: 'cooperative', headName: null, activeFrom: null },
      ),
      [unit],
    );
    expect(plan.updates).toEqual([
      { id: 3, fields: { name: 'Trường', category: 'health', headName: null } },
    ]);
    expect(plan.audits.map((audit) => audit.areaId)).toEqual([COMMUNE, COMMUNE]);
  });
});

describe('planning the people to train', () => {
  const person = (code: string, more: Record<string, ParsedValue> = {}) => ({
    code,
    fullName: 'Lê Thị Hòa',
    role: 'association_member',
    placeCode: 'PB_T01',
    associationMember: null,
    phone: null,
    validFrom: '2017-01-01',
    ...more,
  });
  const known = (code: string, more: Partial<ExistingTrainee> = {}): ExistingTrainee => ({
    id: 5,
    code,
    fullName: 'Lê Thị Hòa',
    associationMember: null,
    phone: null,
    areaId: T01,
    placeCode: 'PB_T01',
    role: 'association_member',
    validFrom: '2017-01-01',
    ...more,
  });

  it('opens a posting for a new person and a new one for a changed place', () => {
    const plan = planTraineeImport(
      setting,
      rows(person('CB1'), person('CB2', { placeCode: 'PB_T02', validFrom: '2019-07-01' })),
      [known('CB2')],
    );
    expect(plan.creates).toEqual([
      {
        code: 'CB1',
        fullName: 'Lê Thị Hòa',
        associationMember: null,
        phone: null,
        posting: { areaId: T01, role: 'association_member', validFrom: '2017-01-01' },
      },
    ]);
    expect(plan.updates).toEqual([
      {
        id: 5,
        fullName: 'Lê Thị Hòa',
        associationMember: null,
        phone: null,
        posting: { areaId: T02, role: 'association_member', validFrom: '2019-07-01' },
      },
    ]);
    expect(plan.audits[1]).toMatchObject({
      action: 'update',
      before: { placeCode: 'PB_T01' },
      after: { placeCode: 'PB_T02' },
    });
  });

  it('leaves a person unchanged, and changes the phone without a new posting', () => {
    const plan = planTraineeImport(setting, rows(person('CB1'), person('CB2', { phone: '0905' })), [
      known('CB1'),
      known('CB2', { id: 6 }),
    ]);
    expect(plan.unchanged).toBe(1);
    expect(plan.updates).toEqual([
      expect.objectContaining({ id: 6, phone: '0905', posting: null }),
    ]);
  });

  it('names the wrong place, the wrong level, another commune and a move back in time', () => {
    const plan = planTraineeImport(
      setting,
      rows(
        person('CB1', { placeCode: 'XX' }),
        person('CB2', { role: 'hamlet_head', placeCode: 'PB' }),
        person('CB3'),
        person('CB4', { placeCode: 'PB_T02', validFrom: '2016-01-01' }),
      ),
      [known('CB3', { areaId: 99 }), known('CB4')],
    );
    expect(plan.problems).toEqual([
      {
        row: 2,
        column: 'Mã nơi đảm nhiệm',
        value: 'XX',
        message: 'XX không phải phường Phú Bài hay một thôn, tổ dân phố của xã',
      },
      {
        row: 3,
        column: 'Vai trò',
        value: 'Trưởng thôn, tổ trưởng tổ dân phố',
        message: 'Trưởng thôn, tổ trưởng tổ dân phố phải thuộc thôn, tổ dân phố, không đặt tại PB',
      },
      {
        row: 4,
        column: 'Mã người',
        value: 'CB3',
        message: 'CB3 đang đảm nhiệm ở địa bàn khác; việc chuyển công tác ghi ở trang của người đó',
      },
      {
        row: 5,
        column: 'Đảm nhiệm từ ngày',
        value: '2016-01-01',
        message: 'Đổi nơi, vai trò phải sau ngày bắt đầu hiện tại (2017-01-01)',
      },
    ]);
  });

  it('refuses a membership change over a finalised year of the post', () => {
    const plan = planTraineeImport(
      locked(T01, 2018, 'PB_T01'),
      rows(person('CB1', { associationMember: true })),
      [known('CB1')],
    );
    expect(plan.problems).toEqual([
      {
        row: 2,
        column: 'Hội viên',
        value: 'true',
        message: 'Năm 2018 của PB_T01 đã khóa sổ; không đổi được tư cách hội viên',
      },
    ]);
  });
});

describe('planning an evaluation import', () => {
  const rules: CriteriaSetRules = {
    kind: 'family',
    passThreshold: 50,
    criteria: [
      { code: '1', title: 'Học tập', maxPoints: 60, minPoints: null },
      { code: '2', title: 'Khuyến học', maxPoints: 40, minPoints: 10 },
    ],
    dependencyRules: [],
  };
  const sheet: EvaluationSheet = { kind: 'family', year: 2020, set: { id: 4, rules } };
  const subjects = [
    { id: 1, code: 'H1', place: T01 },
    { id: 2, code: 'H2', place: T01 },
    { id: 3, code: 'H3', place: T02 },
  ];
  const evaluation = (subjectId: number, more: Partial<ExistingEvaluation> = {}) => ({
    id: 100 + subjectId,
    subjectId,
    registered: true,
    scores: { '1': 50, '2': 20 },
    status: 'draft',
    version: 2,
    ...more,
  });

  it('scores new results as drafts and rescores changed ones as a new version', () => {
    const plan = planEvaluationImport(
      sheet,
      setting,
      rows(
        { code: 'H1', registered: true, 'scores.1': 50, 'scores.2': 5 },
        { code: 'H2', registered: true, 'scores.1': 50, 'scores.2': 20 },
        { code: 'H3', registered: true, 'scores.1': 40, 'scores.2': null },
      ),
      subjects,
      [evaluation(2), evaluation(3)],
    );
    expect(plan.unchanged).toBe(1);
    expect(plan.creates).toEqual([
      {
        subjectId: 1,
        fields: {
          criteriaSetId: 4,
          registered: true,
          scores: { '1': 50, '2': 5 },
          total: 55,
          criteriaPassed: false,
          criteriaReasons: [expect.objectContaining({ code: 'CRITERION_BELOW_MINIMUM' })],
          status: 'draft',
        },
      },
    ]);
    expect(plan.updates).toEqual([
      { id: 103, fields: expect.objectContaining({ scores: { '1': 40 }, total: 40 }) },
    ]);
    expect(plan.audits).toEqual([
      {
        action: 'create',
        code: 'H1',
        areaId: T01,
        before: null,
        after: {
          status: 'draft',
          registered: true,
          scores: { '1': 50, '2': 5 },
          total: 55,
          version: 1,
        },
      },
      {
        action: 'update',
        code: 'H3',
        areaId: T02,
        before: { status: 'draft', registered: true, scores: { '1': 50, '2': 20 }, version: 2 },
        after: { status: 'draft', registered: true, scores: { '1': 40 }, total: 40, version: 3 },
      },
    ]);
  });

  it('names an unknown subject, a finalised place and an approved result', () => {
    const plan = planEvaluationImport(
      sheet,
      locked(T02, 2020),
      rows(
        { code: 'NO', registered: true },
        { code: 'H3', registered: true },
        { code: 'H2', registered: false },
      ),
      subjects,
      [evaluation(2, { status: 'approved' })],
    );
    expect(plan.problems).toEqual([
      {
        row: 2,
        column: 'A (Mã)',
        value: 'NO',
        message: 'Không có gia đình học tập mã NO ở Phú Bài trong năm 2020',
      },
      {
        row: 3,
        column: 'A (Mã)',
        value: 'H3',
        message: 'Năm 2020 của PB_T02 đã khóa sổ; cần mở lại trước khi nhập kết quả',
      },
      {
        row: 4,
        column: '',
        value: 'H2',
        message: 'Hồ sơ H2 đã được duyệt; cần mở lại trước khi sửa',
      },
    ]);
  });
});

describe('what each list is called', () => {
  it('takes the registries from the catalogue of kinds', () => {
    expect(importList('households')).toMatchObject({ entity: 'household', noun: 'hộ' });
    expect(importList('units')).toMatchObject({ entity: 'unit', noun: 'đơn vị' });
    expect(importList('trainees')).toEqual({
      entity: 'trainee',
      noun: 'cán bộ, hội viên cần tập huấn',
    });
  });
});
