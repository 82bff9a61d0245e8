import fc from 'fast-check';
import { fingerprint } from './support/fingerprint.js';
import {
  encodeUrl,
  jsonExamples,
  jsonHostile,
  urlExamples,
  urlHostile,
  type FieldShape,
  type Hostile,
} from './support/hostile.js';
import { createTestApp, TEST_PASSWORD, type TestAgent, type TestApp } from './support/test-app.js';
import { bytes } from './support/workbooks.js';

/**
 * The route walk: every route the running app registers, read from its OpenAPI document, gets
 * hostile values (test/support/hostile.ts) in each path parameter, query parameter and body
 * field, one at a time, the rest of the request valid. Every such request must be refused with
 * a 4xx (a 400 or 422 naming the field), never a 5xx, and the database must be exactly as before.
 * A last test sends each valid example as it is and expects it to succeed, so a refusal is
 * always the hostile field's doing. Deterministic: a fixed seed, printed with any failure.
 */

const SEED = 20_261_129;

/**
 * Each field gets the fixed cases of its kind (hostile.ts), then values generated from the seed.
 * The officer's requests meet the same validation (role and scope are checked around it), so
 * the officer gets the fixed cases alone, which keeps the walk near half a minute on two cores.
 */
const WALKS = [
  { role: 'admin', generated: 2 },
  { role: 'officer', generated: 0 },
] as const;

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

interface Schema {
  type?: string;
  format?: string;
  enum?: unknown[];
  nullable?: boolean;
  items?: Schema;
  properties?: Record<string, Schema>;
  $ref?: string;
  allOf?: Schema[];
}

interface Route {
  /** "POST /api/households/{code}", as OpenAPI names it. */
  key: string;
  method: Method;
  path: string;
  params: { name: string; in: 'path' | 'query'; required: boolean; schema: Schema }[];
  body?: Schema;
}

/** One request that succeeds: path and query values as typed, a JSON body, or the upload. */
interface Example {
  path?: Record<string, string>;
  query?: Record<string, string>;
  body?: Record<string, unknown>;
  file?: boolean;
}

const SCORES = { '1': 28, '2': 27, '3': 18, '4': 17 };
const COURSE = {
  title: 'Bồi dưỡng nghiệp vụ khuyến học',
  topics: ['Xây dựng gia đình học tập'],
  startsOn: '2020-06-01',
  endsOn: '2020-06-02',
  venue: 'Hội trường phường',
  organiser: 'Hội Khuyến học phường Phú Bài',
  trainers: ['Báo cáo viên tỉnh'],
  areaCode: 'HT_PHU_BAI',
};
const evaluation = (code: string) => ({ kind: 'family', subjectCode: code, year: '2020' });

/**
 * A valid request for every route, on the reference data every test database holds (commune
 * HT_PHU_BAI, its hamlets HT_PHU_BAI_T01…) and the WK_ subjects made in beforeAll. Listed in the
 * order the last test sends them: each succeeds on what the ones before left.
 */
const EXAMPLES: Record<string, Example> = {
  'GET /api/health': {},
  'POST /api/auth/login': { body: { username: 'admin', password: TEST_PASSWORD } },
  'GET /api/users': {
    query: { q: 'nguoi thu', role: 'officer', active: 'true', page: '1', pageSize: '20' },
  },
  'GET /api/users/{username}': { path: { username: 'walk.target' } },
  'PATCH /api/users/{username}': {
    path: { username: 'walk.target' },
    body: { displayName: 'Người Được Sửa', role: 'viewer', scopeAreaCode: 'HT_PHU_BAI_T01' },
  },
  'POST /api/users/{username}/deactivation': {
    path: { username: 'walk.target' },
    body: { reason: 'Nghỉ công tác' },
  },
  'POST /api/users/{username}/reactivation': { path: { username: 'walk.target' } },
  'POST /api/users/{username}/password-reset': { path: { username: 'walk.target' } },
  'GET /api/auth/me': {},
  'POST /api/auth/password': {
    body: { currentPassword: TEST_PASSWORD, newPassword: 'mat-khau-moi-cua-nguoi-di' },
  },
  'GET /api/areas': { query: { level: 'hamlet', parent: 'HT_PHU_BAI', year: '2020', q: 'Tổ' } },
  'GET /api/areas/{code}': { path: { code: 'HT_PHU_BAI' }, query: { year: '2020' } },
  'GET /api/households': {
    query: {
      commune: 'HT_PHU_BAI',
      hamlet: 'HT_PHU_BAI_T01',
      clan: 'WK_CL',
      q: 'Lê',
      year: '2020',
      includeInactive: 'true',
      page: '1',
      pageSize: '20',
    },
  },
  'GET /api/households/{code}': { path: { code: 'WK_H1' } },
  'GET /api/clans': { query: { commune: 'HT_PHU_BAI', q: 'Họ', year: '2020', page: '1' } },
  'GET /api/clans/{code}': { path: { code: 'WK_CL' } },
  'GET /api/units': { query: { commune: 'HT_PHU_BAI', category: 'school', pageSize: '10' } },
  'GET /api/units/{code}': { path: { code: 'WK_UN' } },
  'GET /api/criteria-sets': { query: { kind: 'family', year: '2020', area: 'HT_PHU_BAI' } },
  'GET /api/evaluations': {
    query: { area: 'HT_PHU_BAI', year: '2020', kind: 'family', status: 'draft', page: '1' },
  },
  'GET /api/worklist': {
    query: {
      area: 'HT_PHU_BAI',
      year: '2020',
      kind: 'family',
      status: 'none',
      result: 'none',
      q: 'Lê',
      pageSize: '50',
    },
  },
  'GET /api/completeness': { query: { area: 'HT_PHU_BAI', year: '2020' } },
  'GET /api/evaluations/{kind}/{subjectCode}/{year}': { path: evaluation('WK_H1') },
  'GET /api/evaluations/{kind}/{subjectCode}/{year}/form': { path: evaluation('WK_H1') },
  'GET /api/targets': { query: { area: 'HT_PHU_BAI', year: '2020' } },
  'GET /api/progress': { query: { area: 'HUONG_THUY', year: '2020' } },
  'GET /api/progress/trend': { query: { area: 'HUONG_THUY', year: '2020' } },
  'GET /api/progress/training': { query: { area: 'HUONG_THUY', year: '2020' } },
  'GET /api/reports/areas/{code}.xlsx': { path: { code: 'HUONG_THUY' }, query: { year: '2020' } },
  'GET /api/reports/communes/{code}.xlsx': {
    path: { code: 'HT_PHU_BAI' },
    query: { year: '2020' },
  },
  'GET /api/imports/templates/{what}.xlsx': {
    path: { what: 'evaluations' },
    query: { commune: 'HT_PHU_BAI', kind: 'family', year: '2020' },
  },
  'GET /api/trainees': {
    query: { area: 'HT_PHU_BAI', year: '2020', q: 'Hoa', role: 'association_member' },
  },
  'GET /api/trainees/{code}': { path: { code: 'WK_TR1' } },
  'GET /api/courses': { query: { area: 'HT_PHU_BAI', year: '2020', page: '1' } },
  'GET /api/courses/{code}': { path: { code: 'WK_C1' } },
  'GET /api/insights/focus': {
    query: { area: 'HUONG_THUY', year: '2020', kind: 'family', margin: '7.5' },
  },
  'GET /api/insights/blocking': { query: { area: 'HUONG_THUY', year: '2020', kind: 'family' } },
  'GET /api/insights/near-misses': {
    query: {
      area: 'HT_PHU_BAI',
      year: '2020',
      kind: 'family',
      margin: '10',
      hamlet: 'HT_PHU_BAI_T01',
      sort: 'total',
    },
  },
  'GET /api/audit': {
    query: { entity: 'household', code: 'WK_H1', from: '2020-01-01', to: '2100-12-31' },
  },
  'POST /api/imports/{what}': {
    path: { what: 'households' },
    query: { commune: 'HT_PHU_BAI', dryRun: 'true' },
    file: true,
  },
  'POST /api/users': {
    body: {
      username: 'walk.user',
      displayName: 'Người Thử',
      password: 'mat-khau-dai-du',
      role: 'officer',
      scopeAreaCode: 'HT_PHU_BAI',
    },
  },
  'POST /api/areas': {
    body: {
      code: 'WK_AREA',
      name: 'Tổ dân phố Thử',
      level: 'hamlet',
      typeLabel: 'tổ dân phố',
      parentCode: 'HT_PHU_BAI',
      difficult: false,
      validFrom: '2020-01-01',
      validTo: '2099-12-31',
      note: 'Tách từ tổ 3',
      predecessors: [{ code: 'HT_PHU_BAI_T03', change: 'split', ends: false }],
    },
  },
  'POST /api/areas/{code}/transfers': {
    path: { code: 'HT_PHU_BAI_T02' },
    body: { parentCode: 'HT_THUY_CHAU', effectiveOn: '2030-01-01', note: 'Điều chỉnh địa giới' },
  },
  'POST /api/households': {
    body: {
      code: 'WK_NEW',
      headName: 'Trần Văn Mới',
      hamletCode: 'HT_PHU_BAI_T01',
      clanCode: 'WK_CL',
      members: 4,
      address: 'Tổ 1',
      activeFrom: '2020-01-01',
    },
  },
  'PATCH /api/households/{code}': {
    path: { code: 'WK_H1' },
    body: {
      headName: 'Lê Văn Một',
      hamletCode: 'HT_PHU_BAI_T01',
      clanCode: 'WK_CL',
      members: 5,
      address: 'Tổ 2',
    },
  },
  'POST /api/households/{code}/deactivation': {
    path: { code: 'WK_H_OFF' },
    body: { on: '2021-01-01', reason: 'Chuyển đi nơi khác' },
  },
  'POST /api/clans': {
    body: {
      code: 'WK_CL_NEW',
      name: 'Họ Trần',
      communeCode: 'HT_PHU_BAI',
      headName: 'Trần Văn Hai',
      activeFrom: '2015-01-01',
    },
  },
  'PATCH /api/clans/{code}': {
    path: { code: 'WK_CL' },
    body: { name: 'Họ Lê Văn (chi 1)', headName: 'Lê Văn Ba' },
  },
  'POST /api/clans/{code}/deactivation': {
    path: { code: 'WK_CL_OFF' },
    body: { on: '2021-01-01', reason: 'Nhập vào họ khác' },
  },
  'POST /api/units': {
    body: {
      code: 'WK_UN_NEW',
      name: 'Trạm Y tế phường',
      communeCode: 'HT_PHU_BAI',
      category: 'health',
      headName: 'Phạm Thị Tư',
      activeFrom: '2015-01-01',
    },
  },
  'PATCH /api/units/{code}': {
    path: { code: 'WK_UN' },
    body: { name: 'Trường Tiểu học Phú Bài 2', category: 'school', headName: 'Võ Văn Năm' },
  },
  'POST /api/units/{code}/deactivation': {
    path: { code: 'WK_UN_OFF' },
    body: { on: '2021-01-01', reason: 'Giải thể' },
  },
  'POST /api/criteria-sets': {
    body: {
      code: 'WK_CS',
      kind: 'clan',
      name: 'Bộ tiêu chí thử',
      sourceNote: 'Theo hướng dẫn của tỉnh',
      localisable: true,
      scopeAreaCode: 'HT_PHU_BAI',
      fromYear: 2030,
      toYear: 2035,
      passThreshold: 15.5,
      criteria: [
        {
          code: '1',
          title: 'Học tập của con cháu',
          maxPoints: 20,
          minPoints: 7.5,
          indicators: [{ code: '1a', title: 'Tỷ lệ đi học', maxPoints: 10 }],
        },
      ],
      dependencyRules: [{ type: 'member_families_recognised', minShare: 50.25 }],
    },
  },
  'PUT /api/evaluations/{kind}/{subjectCode}/{year}': {
    path: evaluation('WK_H2'),
    body: { registered: true, scores: SCORES, version: 1 },
  },
  'POST /api/evaluations/{kind}/{subjectCode}/{year}/submit': { path: evaluation('WK_H1') },
  'POST /api/evaluations/{kind}/{subjectCode}/{year}/approve': { path: evaluation('WK_H3') },
  'POST /api/evaluations/{kind}/{subjectCode}/{year}/return': {
    path: evaluation('WK_H4'),
    body: { comment: 'Thiếu minh chứng tiêu chí 2' },
  },
  'POST /api/evaluations/{kind}/{subjectCode}/{year}/recognition': {
    path: evaluation('WK_H5'),
    body: { decisionNumber: '17/QĐ-UBND', decisionDate: '2020-12-15' },
  },
  'POST /api/evaluations/{kind}/{subjectCode}/{year}/reopen': {
    path: evaluation('WK_H6'),
    body: { reason: 'Chấm lại tiêu chí 3' },
  },
  'POST /api/evaluations/bulk/submit': {
    body: { area: 'HT_THUY_CHAU', year: 2020, kind: 'family' },
  },
  'POST /api/evaluations/bulk/approve': {
    body: { area: 'HT_THUY_CHAU', year: 2020, kind: 'family' },
  },
  'PUT /api/targets': {
    body: {
      code: 'WK_PLAN',
      name: 'Kế hoạch thử',
      sourceNote: 'Nghị quyết của phường',
      scopeAreaCode: 'HT_PHU_BAI',
      milestoneYear: 2030,
      values: [{ variant: 'standard', kind: 'family', floor: 80, stretch: 90.5 }],
      training: [{ group: 'association', floor: 50 }],
    },
  },
  'POST /api/trainees': {
    body: {
      code: 'WK_TR2',
      fullName: 'Nguyễn Thị Sáu',
      associationMember: true,
      phone: '0905 123 456',
      posting: { areaCode: 'HT_PHU_BAI_T01', role: 'association_member', validFrom: '2019-01-01' },
    },
  },
  'PATCH /api/trainees/{code}': {
    path: { code: 'WK_TR1' },
    body: { fullName: 'Trần Thị Hoa Mới', associationMember: false, phone: '(0234) 386 1234' },
  },
  'POST /api/trainees/{code}/postings': {
    path: { code: 'WK_TR1' },
    body: { areaCode: 'HT_PHU_BAI', role: 'association_officer', validFrom: '2021-01-01' },
  },
  'POST /api/courses': { body: { code: 'WK_C2', ...COURSE } },
  'PUT /api/courses/{code}': { path: { code: 'WK_C1' }, body: COURSE },
  'PUT /api/courses/{code}/attendance': {
    path: { code: 'WK_C1' },
    body: { entries: [{ traineeCode: 'WK_TR1', daysAttended: 2 }] },
  },
  'POST /api/year-locks': { body: { area: 'HT_THUY_VAN', year: 2018 } },
  'DELETE /api/year-locks/{area}/{year}': {
    path: { area: 'HT_THUY_TAN', year: '2019' },
    body: { reason: 'Mở lại để sửa số liệu' },
  },
};

const METHODS: Method[] = ['get', 'post', 'put', 'patch', 'delete'];

interface OpenApi {
  paths: Record<
    string,
    Partial<
      Record<
        Method,
        {
          parameters?: { name: string; in: string; required?: boolean; schema: Schema }[];
          requestBody?: { content: Record<string, { schema: Schema }> };
        }
      >
    >
  >;
  components: { schemas: Record<string, Schema> };
}

/** The routes as the app's OpenAPI document lists them, body schemas resolved. */
function routesOf(document: OpenApi): Route[] {
  return Object.entries(document.paths).flatMap(([path, operations]) =>
    METHODS.filter((method) => operations[method]).map((method) => {
      const operation = operations[method]!;
      const json = operation.requestBody?.content['application/json'];
      return {
        key: `${method.toUpperCase()} ${path}`,
        method,
        path,
        params: (operation.parameters ?? []).map((p) => ({
          name: p.name,
          in: p.in as 'path' | 'query',
          required: p.required === true,
          schema: p.schema,
        })),
        body: json ? resolve(document, json.schema) : undefined,
      };
    }),
  );
}

function resolve(document: OpenApi, schema: Schema): Schema {
  if (schema.$ref)
    return resolve(document, document.components.schemas[schema.$ref.split('/').pop()!]);
  if (schema.allOf?.length === 1) return resolve(document, schema.allOf[0]);
  return schema;
}

function shapeOf(schema: Schema): FieldShape {
  const nullable = schema.nullable === true;
  if (schema.enum) return { kind: 'enum', nullable, values: schema.enum };
  const type = schema.type ?? 'object';
  switch (type) {
    case 'integer':
    case 'number':
    case 'boolean':
      return { kind: type, nullable };
    case 'string':
      return { kind: schema.format === 'date' ? 'date' : 'text', nullable };
    case 'array':
      return { kind: 'array', nullable, lines: schema.items?.type === 'string' };
    default:
      return { kind: 'object', nullable };
  }
}

interface Field {
  location: 'path' | 'query' | 'body';
  /** The parameter's name, or the path to a body field: ['criteria', 0, 'maxPoints']. */
  path: (string | number)[];
  shape: FieldShape;
  example: unknown;
}

const nameOf = (field: Field) => field.path.join('.');

/** Every field of a body, nested ones too (the first entry of a list stands for the others). */
function bodyFields(
  document: OpenApi,
  schema: Schema,
  example: unknown,
  prefix: (string | number)[],
): Field[] {
  const values = (example ?? {}) as Record<string, unknown>;
  if (!schema.properties) {
    // A map such as scores: each key of the example is a field, typed by its value.
    return Object.entries(values).map(([key, value]) => ({
      location: 'body',
      path: [...prefix, key],
      shape: { kind: typeof value === 'number' ? 'number' : 'text', nullable: false },
      example: value,
    }));
  }
  return Object.entries(schema.properties).flatMap(([name, property]): Field[] => {
    const resolved = resolve(document, property);
    const path = [...prefix, name];
    const own: Field = { location: 'body', path, shape: shapeOf(resolved), example: values[name] };
    const value = values[name];
    if (
      resolved.type === 'array' &&
      resolved.items &&
      Array.isArray(value) &&
      typeof value[0] === 'object'
    ) {
      return [
        own,
        ...bodyFields(document, resolve(document, resolved.items), value[0], [...path, 0]),
      ];
    }
    if (shapeOf(resolved).kind === 'object' && typeof value === 'object' && value !== null) {
      return [own, ...bodyFields(document, resolved, value, path)];
    }
    return [own];
  });
}

function fieldsOf(document: OpenApi, route: Route, example: Example): Field[] {
  const params = route.params.map((param): Field => ({
    location: param.in,
    path: [param.name],
    shape: shapeOf(param.schema),
    example: (param.in === 'path' ? example.path : example.query)?.[param.name],
  }));
  return [...params, ...(route.body ? bodyFields(document, route.body, example.body, []) : [])];
}

const PLACEHOLDER = '\u0001hostile\u0001';

/** The example's body as JSON text, with `json` spliced in at `path` (added if absent). */
function bodyWith(example: Example, path: (string | number)[], json: string): string {
  const body = structuredClone(example.body ?? {}) as Record<string | number, unknown>;
  let at = body;
  for (const step of path.slice(0, -1)) at = at[step] as Record<string | number, unknown>;
  at[path.at(-1)!] = PLACEHOLDER;
  return JSON.stringify(body).replace(JSON.stringify(PLACEHOLDER), json);
}

interface Sent {
  status: number;
  body: Record<string, unknown>;
}

interface Request {
  path?: Record<string, string>;
  query?: Record<string, string | string[]>;
  /** Raw JSON text; undefined sends the example's body. */
  json?: string;
  contentType?: string;
}

/** The households template, downloaded in beforeAll: the file the import example uploads. */
let template: Buffer;

async function send(
  agent: TestAgent,
  route: Route,
  example: Example,
  request: Request = {},
): Promise<Sent> {
  const pathValues = { ...mapValues(example.path ?? {}, encodeUrl), ...request.path };
  const url = route.path.replace(/\{(\w+)\}/g, (_match, name: string) => pathValues[name]);
  const query = { ...mapValues(example.query ?? {}, encodeUrl), ...request.query };
  const search = Object.entries(query)
    .flatMap(([key, value]) =>
      (Array.isArray(value) ? value : [value]).map((v) => `${encodeUrl(key)}=${v}`),
    )
    .join('&');
  let test = agent[route.method](search ? `${url}?${search}` : url);
  if (example.file) {
    test = test.attach('file', template, 'danh-sach.xlsx');
  } else if (route.body) {
    const json = request.json ?? JSON.stringify(example.body ?? {});
    test = test.set('Content-Type', request.contentType ?? 'application/json').send(json);
  }
  const target = search ? `${url}?${search}` : url;
  try {
    const response = await test;
    return { status: response.status, body: (response.body ?? {}) as Record<string, unknown> };
  } catch (error) {
    // Past Node's 16 KB header limit the HTTP parser answers 431 and closes the connection; the
    // client, still writing, may see the reset before the answer (as on Node 24).
    const code = (error as { code?: string }).code;
    if (target.length > HEADER_LIMIT && (code === 'ECONNRESET' || code === 'EPIPE'))
      return { status: 431, body: {} };
    throw error;
  }
}

/** Node's default limit on a request's headers, the request line included. */
const HEADER_LIMIT = 16 * 1024;

function mapValues<T, U>(record: Record<string, T>, map: (value: T) => U): Record<string, U> {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, map(value)]));
}

/**
 * Why an answer to a hostile request is wrong, or null: it must be a 4xx, and a 400 or 422 must
 * name the field (any part of its path: a body nested too deep is named by its top-level field).
 */
function wrongAnswer(sent: Sent, names: (string | number)[]): string | null {
  if (sent.status >= 500) return 'a server error';
  if (sent.status < 400) return 'accepted';
  if (sent.status !== 400 && sent.status !== 422) return null;
  const text = JSON.stringify(sent.body);
  if (sent.body.code === 'MALFORMED_URL') return null;
  return names.some(
    (name) => typeof name === 'string' && text.includes(JSON.stringify(name).slice(1, -1)),
  )
    ? null
    : 'the field is not named';
}

describe('route walk: hostile input on every route', () => {
  let t: TestApp;
  let document: OpenApi;
  let routes: Route[];
  let before: Record<string, string>;
  let agents: { admin: TestAgent; officer: TestAgent };

  beforeAll(async () => {
    t = await createTestApp({ loginLimits: { perAddress: 1_000_000, perAccount: 1_000_000 } });
    // One listening server for the whole walk: supertest would otherwise open one per request.
    await new Promise<void>((done) => t.app.getHttpServer().listen(0, '127.0.0.1', done));
    agents = {
      admin: t.http(),
      officer: await t.userAgent({
        username: 'walk.officer',
        role: 'officer',
        scopeAreaCode: 'HT_PHU_BAI',
      }),
    };
    await fixtures(agents.admin);
    document = (await agents.admin.get('/api/docs-json').expect(200)).body as OpenApi;
    routes = routesOf(document);
    before = await fingerprint(t.owner);
  });

  afterAll(() => t.close());

  /** The subjects the examples name, in the states their steps need. */
  async function fixtures(http: TestAgent): Promise<void> {
    const ok = async (request: PromiseLike<{ status: number; body: unknown }>) => {
      const response = await request;
      if (response.status >= 300)
        throw new Error(`fixture: ${response.status} ${JSON.stringify(response.body)}`);
    };
    await ok(
      http.post('/api/users').send({
        username: 'walk.target',
        displayName: 'Người Thử Đích',
        password: 'mat-khau-dai-du',
        role: 'officer',
        scopeAreaCode: 'HT_PHU_BAI',
      }),
    );
    for (const code of ['WK_CL', 'WK_CL_OFF']) {
      await ok(
        http
          .post('/api/clans')
          .send({ code, name: 'Họ Lê Văn', communeCode: 'HT_PHU_BAI', activeFrom: '2015-01-01' }),
      );
    }
    for (const code of ['WK_UN', 'WK_UN_OFF']) {
      await ok(
        http.post('/api/units').send({
          code,
          name: 'Trường Tiểu học',
          communeCode: 'HT_PHU_BAI',
          category: 'school',
          activeFrom: '2015-01-01',
        }),
      );
    }
    for (const code of ['WK_H1', 'WK_H2', 'WK_H3', 'WK_H4', 'WK_H5', 'WK_H6', 'WK_H_OFF']) {
      await ok(
        http.post('/api/households').send({
          code,
          headName: 'Lê Văn An',
          hamletCode: 'HT_PHU_BAI_T01',
          members: 4,
          activeFrom: '2015-01-01',
        }),
      );
    }
    const step = (code: string, action: string, body?: object) =>
      ok(http.post(`/api/evaluations/family/${code}/2020/${action}`).send(body));
    for (const code of ['WK_H1', 'WK_H3', 'WK_H4', 'WK_H5', 'WK_H6']) {
      await ok(
        http.put(`/api/evaluations/family/${code}/2020`).send({ registered: true, scores: SCORES }),
      );
    }
    for (const code of ['WK_H3', 'WK_H4', 'WK_H5', 'WK_H6']) await step(code, 'submit');
    for (const code of ['WK_H5', 'WK_H6']) await step(code, 'approve');
    await step('WK_H6', 'recognition', { decisionNumber: '9/QĐ-UBND', decisionDate: '2020-12-20' });
    await ok(
      http.post('/api/trainees').send({
        code: 'WK_TR1',
        fullName: 'Trần Thị Hoa',
        posting: {
          areaCode: 'HT_PHU_BAI_T01',
          role: 'association_member',
          validFrom: '2018-01-01',
        },
      }),
    );
    await ok(
      http
        .post('/api/courses')
        .send({ code: 'WK_C1', ...COURSE, startsOn: '2020-05-10', endsOn: '2020-05-11' }),
    );
    await ok(http.post('/api/year-locks').send({ area: 'HT_THUY_TAN', year: 2019 }));
    template = await bytes(http, '/api/imports/templates/households.xlsx?commune=HT_PHU_BAI');
  }

  it('walks every route the app registers, each with a valid example', () => {
    const router = (
      t.app.getHttpAdapter().getInstance() as {
        router: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] };
      }
    ).router;
    const registered = router.stack
      .filter((layer) => layer.route && !layer.route.path.startsWith('/api/docs'))
      .flatMap((layer) =>
        Object.keys(layer.route!.methods).map(
          (method) => `${method.toUpperCase()} ${layer.route!.path.replace(/:(\w+)/g, '{$1}')}`,
        ),
      );
    const documented = routes.map((route) => route.key);
    expect(documented.sort()).toEqual([...new Set(registered)].sort());
    // A route without an example would be walked with invalid neighbours, proving nothing.
    expect(Object.keys(EXAMPLES).sort()).toEqual(documented.sort());
    const missing = routes.flatMap((route) =>
      route.params
        .filter((param) => param.required)
        .filter(
          (param) =>
            (param.in === 'path' ? EXAMPLES[route.key].path : EXAMPLES[route.key].query)?.[
              param.name
            ] === undefined,
        )
        .map((param) => `${route.key} ${param.name}`),
    );
    expect(missing).toEqual([]);
  });

  it.each(WALKS)(
    'refuses every hostile value in every field as the $role, and nothing changes',
    async ({ role, generated }) => {
      const agent = agents[role];
      const started = Date.now();
      const tried = { routes: 0, fields: 0, requests: 0 };
      // Every field is walked even after one fails, so a run lists all that is wrong.
      const failures: string[] = [];
      for (const route of routes) {
        const example = EXAMPLES[route.key];
        tried.routes += 1;
        for (const field of fieldsOf(document, route, example)) {
          tried.fields += 1;
          const location = field.location;
          const [arbitrary, fixed] =
            location === 'body'
              ? [jsonHostile(field.shape, field.example), jsonExamples(field.shape, field.example)]
              : [
                  // An empty path segment is another URL, not an empty value.
                  urlHostile(field.shape, location).filter(
                    (hostile) => !(location === 'path' && hostile.url === ''),
                  ),
                  urlExamples(field.shape, location),
                ];
          let failure = '';
          try {
            await fc.assert(
              fc.asyncProperty(arbitrary, async (hostile: Hostile) => {
                tried.requests += 1;
                const [name] = field.path as [string];
                const sent = await send(
                  agent,
                  route,
                  example,
                  location === 'path'
                    ? { path: { [name]: hostile.url as string } }
                    : location === 'query'
                      ? { query: { [name]: hostile.url! } }
                      : { json: bodyWith(example, field.path, hostile.json!) },
                );
                const wrong = wrongAnswer(sent, field.path);
                if (wrong) {
                  failure = `${route.key} ${location} ${nameOf(field)} = ${hostile.label}: ${wrong}, ${sent.status} ${JSON.stringify(sent.body).slice(0, 200)}`;
                  throw new Error(failure);
                }
              }),
              {
                seed: SEED,
                numRuns: fixed.length + generated,
                examples: fixed.map((hostile): [Hostile] => [hostile]),
                endOnFailure: true,
              },
            );
          } catch (error) {
            const path = /path: "([^"]*)"/.exec(String(error))?.[1];
            failures.push(`${failure || String(error)} (seed ${SEED}, path ${path})`);
          }
        }
        for (const [label, request, names] of wholeRequestCases(route, example)) {
          tried.requests += 1;
          const sent = await send(agent, route, example, request);
          const wrong = wrongAnswer(sent, names);
          if (wrong) {
            failures.push(
              `${route.key} ${label}: ${wrong}, ${sent.status} ${JSON.stringify(sent.body).slice(0, 200)}`,
            );
          }
        }
      }
      console.log(
        `route walk as ${role}: ${tried.routes} routes, ${tried.fields} fields, ${tried.requests} hostile requests in ${((Date.now() - started) / 1000).toFixed(1)} s (seed ${SEED})`,
      );
      const after = await fingerprint(t.owner);
      const changed = Object.keys({ ...before, ...after }).filter(
        (key) => before[key] !== after[key],
      );
      expect({ failures, changed }).toEqual({ failures: [], changed: [] });
    },
    600_000,
  );

  it('accepts every example as it is, so each refusal was the hostile field', async () => {
    // A new password ends the session the walk runs on: it goes last.
    const last = 'POST /api/auth/password';
    for (const route of [
      ...routes.filter((route) => route.key !== last),
      ...routes.filter((route) => route.key === last),
    ]) {
      const sent = await send(agents.admin, route, EXAMPLES[route.key]);
      expect([
        route.key,
        sent.status < 300 ? 'accepted' : `${sent.status} ${JSON.stringify(sent.body)}`,
      ]).toEqual([route.key, 'accepted']);
    }
  });
});

/** Cases about the request as a whole: unknown fields, prototype keys, other content types. */
function wholeRequestCases(route: Route, example: Example): [string, Request, string[]][] {
  const cases: [string, Request, string[]][] = [];
  if (route.params.some((param) => param.in === 'query')) {
    for (const key of ['unexpectedField', '__proto__', 'constructor']) {
      cases.push([`query ${key}`, { query: { [key]: '1' } }, [key]]);
    }
  }
  if (route.body) {
    const json = JSON.stringify(example.body ?? {});
    const inner = json.slice(1, -1);
    const prefix = inner ? `${inner},` : '';
    cases.push(
      ['an unknown body field', { json: `{${prefix}"unexpectedField":1}` }, ['unexpectedField']],
      ['a __proto__ key', { json: `{${prefix}"__proto__":{"admin":true}}` }, ['__proto__']],
      ['a constructor key', { json: `{${prefix}"constructor":{"name":"x"}}` }, ['constructor']],
      ['a top-level array', { json: `[${json}]` }, ['0']],
      ['nesting 10,000 deep', { json: '['.repeat(10_000) + ']'.repeat(10_000) }, ['body']],
      ['text/plain', { contentType: 'text/plain' }, ['body']],
      ['a form', { contentType: 'application/x-www-form-urlencoded' }, ['body']],
      ['XML', { contentType: 'application/xml' }, ['body']],
    );
  }
  return cases;
}
