import { createTestApp, type TestAgent, type TestApp } from './support/test-app.js';
import { bytes, fill } from './support/workbooks.js';

const SCORES = { '1': 28, '2': 27, '3': 18, '4': 17 };
const YEAR = 2019;

interface Answer {
  status: number;
  body: { code: string; message: string; details?: { report?: { problems: Problem[] } } };
}

interface Problem {
  row: number;
  column: string;
  message: string;
}

/** The lock levels a finalised year can be set at, and the place each one freezes. */
const LEVELS = [
  ['a hamlet', 'HT_PHU_BAI_T01'],
  ['a commune', 'HT_PHU_BAI'],
  ['a district', 'HUONG_THUY'],
] as const;

describe('a finalised year stays final on every path', () => {
  let t: TestApp;
  let officer: TestAgent;
  let reviewer: TestAgent;

  const expectLocked = (answer: Answer, area: string) => {
    expect([answer.status, answer.body.code]).toEqual([409, 'YEAR_LOCKED']);
    expect(answer.body.message).toContain(area);
  };

  const upload = (what: string, query: string, file: Buffer) =>
    officer
      .post(`/api/imports/${what}?commune=HT_PHU_BAI&dryRun=false&${query}`)
      .attach('file', file, 'tep.xlsx');

  const count = async (sql: string) =>
    (await t.owner.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM ${sql}`))[0].n;

  beforeAll(async () => {
    t = await createTestApp();
    const admin = t.http();
    await admin
      .post('/api/clans')
      .send({
        code: 'YL_CLAN',
        name: 'Họ Khóa Sổ',
        communeCode: 'HT_PHU_BAI',
        activeFrom: '2015-01-01',
      })
      .expect(201);
    for (const [code, hamlet] of [
      ['YL_1', 'HT_PHU_BAI_T01'],
      ['YL_2', 'HT_PHU_BAI_T02'],
    ]) {
      await admin
        .post('/api/households')
        .send({
          code,
          headName: 'Trần Văn Sổ',
          hamletCode: hamlet,
          members: 3,
          activeFrom: '2015-01-01',
        })
        .expect(201);
      await admin
        .put(`/api/evaluations/family/${code}/${YEAR}`)
        .send({ registered: true, scores: SCORES })
        .expect(200);
    }
    await admin
      .post('/api/trainees')
      .send({
        code: 'YL_TR',
        fullName: 'Lê Thị Trưởng',
        posting: { areaCode: 'HT_PHU_BAI_T01', role: 'hamlet_head', validFrom: '2015-01-01' },
      })
      .expect(201);
    await admin
      .post('/api/courses')
      .send({
        code: 'YL_CO',
        title: 'Bồi dưỡng khuyến học',
        startsOn: `${YEAR}-05-10`,
        endsOn: `${YEAR}-05-10`,
        organiser: 'Hội Khuyến học phường Phú Bài',
        areaCode: 'HT_PHU_BAI',
      })
      .expect(201);
    officer = await t.userAgent({
      username: 'canbo.yl',
      role: 'officer',
      scopeAreaCode: 'HT_PHU_BAI',
    });
    reviewer = await t.userAgent({
      username: 'khuyenhoc.yl',
      role: 'reviewer',
      scopeAreaCode: 'HUONG_THUY',
    });
  });

  afterAll(() => t.close());

  describe.each(LEVELS)('under a lock on %s (%s)', (_level, locked) => {
    const commune = locked !== 'HT_PHU_BAI_T01';

    beforeAll(async () => {
      await t.http().post('/api/year-locks').send({ area: locked, year: YEAR }).expect(201);
    });

    afterAll(async () => {
      await t
        .http()
        .delete(`/api/year-locks/${locked}/${YEAR}`)
        .send({ reason: 'Mở lại sau kiểm tra' })
        .expect(200);
    });

    it('refuses saving one evaluation of the place', async () => {
      expectLocked(
        await officer
          .put(`/api/evaluations/family/YL_1/${YEAR}`)
          .send({ registered: true, scores: SCORES, version: 1 }),
        locked,
      );
    });

    it('refuses bulk submit and approve over the commune and the district', async () => {
      for (const area of ['HT_PHU_BAI', 'HUONG_THUY']) {
        expectLocked(
          await t.http().post('/api/evaluations/bulk/submit').send({ area, year: YEAR }),
          locked,
        );
        expectLocked(
          await reviewer.post('/api/evaluations/bulk/approve').send({ area, year: YEAR }),
          locked,
        );
      }
      expect(await count(`evaluations WHERE year = ${YEAR} AND status <> 'draft'`)).toBe(0);
    });

    it('refuses an evaluation import, naming the rows of a locked hamlet', async () => {
      const file = await fill(
        await bytes(
          officer,
          `/api/imports/templates/evaluations.xlsx?commune=HT_PHU_BAI&kind=family&year=${YEAR}`,
        ),
        ['YL_1', 'YL_2'].map((code) => ({
          Mã: code,
          'Đăng ký': 'Có',
          'Tiêu chí 1': 20,
          'Tiêu chí 2': 20,
          'Tiêu chí 3': 15,
          'Tiêu chí 4': 15,
        })),
      );
      const answer = (await upload('evaluations', `kind=family&year=${YEAR}`, file)) as Answer;
      if (commune) {
        expectLocked(answer, locked);
      } else {
        expect(answer.status).toBe(422);
        const problems = answer.body.details?.report?.problems ?? [];
        expect(problems).toEqual([
          expect.objectContaining({ row: 2, message: expect.stringContaining('khóa sổ') }),
        ]);
      }
      expect(await count(`evaluations WHERE year = ${YEAR} AND total = 70`)).toBe(0);
    });

    it('refuses registry changes whose effect falls in the locked year', async () => {
      expectLocked(
        await officer.post('/api/households').send({
          code: 'YL_NEW',
          headName: 'Hộ Mới Về',
          hamletCode: 'HT_PHU_BAI_T01',
          members: 2,
          activeFrom: `${YEAR}-03-01`,
        }),
        locked,
      );
      // Ended in 2018, the household would no longer count in 2019.
      expectLocked(
        await officer
          .post('/api/households/YL_1/deactivation')
          .send({ on: '2018-06-01', reason: 'Chuyển đi' }),
        locked,
      );
      // The household's hamlet is not dated: moving it would move its past years too.
      expectLocked(
        await officer.patch('/api/households/YL_1').send({ hamletCode: 'HT_PHU_BAI_T03' }),
        locked,
      );
      if (commune) {
        expectLocked(
          await officer.patch('/api/households/YL_2').send({ clanCode: 'YL_CLAN' }),
          locked,
        );
        expectLocked(
          await officer
            .post('/api/clans/YL_CLAN/deactivation')
            .send({ on: '2019-01-01', reason: 'Giải thể' }),
          locked,
        );
      }
      // A change that no figure of the year depends on still goes through.
      await officer.patch('/api/households/YL_1').send({ members: 4 }).expect(200);
      expect(await count(`households WHERE code = 'YL_NEW' OR deactivated_on IS NOT NULL`)).toBe(0);
    });

    it('refuses registry import rows whose effect falls in the locked year', async () => {
      const file = await fill(
        await bytes(officer, '/api/imports/templates/households.xlsx?commune=HT_PHU_BAI'),
        [
          {
            'Mã hộ': 'YL_1',
            'Họ tên chủ hộ': 'Trần Văn Sổ',
            'Mã thôn': 'HT_PHU_BAI_T03',
            'Số nhân khẩu': 4,
          },
          {
            'Mã hộ': 'YL_IMPORTED',
            'Họ tên chủ hộ': 'Hộ Nhập Sổ',
            'Mã thôn': 'HT_PHU_BAI_T01',
            'Số nhân khẩu': 2,
            'Hoạt động từ ngày': `01/06/${YEAR}`,
          },
        ],
      );
      const answer = (await upload('households', '', file)) as Answer;
      expect(answer.status).toBe(422);
      expect(answer.body.details?.report?.problems).toEqual([
        expect.objectContaining({
          row: 2,
          column: 'Mã thôn',
          message: expect.stringContaining(locked),
        }),
        expect.objectContaining({ row: 3, message: expect.stringContaining(locked) }),
      ]);
      expect(await count(`households WHERE code = 'YL_IMPORTED'`)).toBe(0);
    });

    it('refuses hierarchy changes from a date in the locked year over a locked commune', async () => {
      const created = await t
        .http()
        .post('/api/areas')
        .send({
          code: `YL_HAMLET_${locked}`,
          name: 'Tổ dân phố Mới Lập',
          level: 'hamlet',
          typeLabel: 'tổ dân phố',
          parentCode: 'HT_PHU_BAI',
          validFrom: `${YEAR}-05-01`,
        });
      const moved = await t
        .http()
        .post('/api/areas/HT_PHU_BAI_T04/transfers')
        .send({ parentCode: 'HT_THUY_CHAU', effectiveOn: `${YEAR}-06-01` });
      if (commune) {
        expectLocked(created, locked);
        expectLocked(moved, locked);
      } else {
        // A lock on one hamlet does not freeze its commune's other places.
        expect(created.status).toBe(201);
        expect(moved.status).toBe(201);
        await t
          .http()
          .post('/api/areas/HT_PHU_BAI_T04/transfers')
          .send({ parentCode: 'HT_PHU_BAI', effectiveOn: `${YEAR}-06-02` })
          .expect(201);
      }
    });

    it('refuses training records that count in the locked year', async () => {
      expectLocked(
        await officer
          .post('/api/trainees/YL_TR/postings')
          .send({ areaCode: 'HT_PHU_BAI_T02', role: 'hamlet_head', validFrom: `${YEAR}-07-01` }),
        locked,
      );
      const attendance = await officer
        .put('/api/courses/YL_CO/attendance')
        .send({ entries: [{ traineeCode: 'YL_TR', daysAttended: 1 }] });
      if (commune) expectLocked(attendance, locked);
      else expect(attendance.status).toBe(200);
    });
  });

  it('lets the same changes through once the year is reopened', async () => {
    await officer
      .put(`/api/evaluations/family/YL_1/${YEAR}`)
      .send({ registered: true, scores: SCORES, version: 1 })
      .expect(200);
    await officer.patch('/api/households/YL_1').send({ hamletCode: 'HT_PHU_BAI_T03' }).expect(200);
    await officer
      .post('/api/trainees/YL_TR/postings')
      .send({ areaCode: 'HT_PHU_BAI_T02', role: 'hamlet_head', validFrom: `${YEAR}-07-01` })
      .expect(201);
    expect(
      (await t.http().post('/api/evaluations/bulk/submit').send({ area: 'HT_PHU_BAI', year: YEAR }))
        .body,
    ).toEqual({ moved: 2 });
  });
});
