import { createArea } from './support/areas.js';
import { createTestApp, type TestApp } from './support/test-app.js';

/**
 * Two communes built by hand under thị xã Hương Thủy, whose plan wants 100% of the Study Promotion
 * Association's officials and members trained by 2020 (period 2016–2020).
 *
 * People (X, Y communes; X_H1, Y_H1 their hamlets):
 *   P1 association member, X_H1: both days of C2018 and C2019 → trained, counted once
 *   P2 association officer, X: one day of the two-day C2018 → partial only
 *   P3 hamlet head, X_H1, not a member: C2019 → trained (hamlet leaders)
 *   P4 association member, X_H1, moves to Y_H1 on 01/03/2020: C2019 → trained
 *   P5 commune vice-chair, Y, member: absent from C2019 → association and commune officials, untrained
 *   P6 hamlet head, Y_H1, membership unknown: no course
 * Courses: C2018 run by the thị xã, 25–26/10/2018 (two days); C2019 run by X, 10/05/2019 (one day).
 *
 * 2019, serving at the year's end — association: X has P1, P2, P4 (trained in the year P1, P4;
 *   partial P2), Y has P5 → 4 people, 2 trained in the year and in the period, 1 partial:
 *   50.0%, the 100% floor needs 4: shortfall 2. Hamlet leaders: P3 (trained), P6 → 2, 1.
 *   Commune officials: P5 → 1, 0.
 * 2020 — P4 now serves in Y. Association: X has P1 (trained in the period), P2; Y has P4 (trained
 *   in the period), P5 → X 1 of 2, Y 1 of 2; nobody trained in 2020 itself.
 */
describe('training courses and the trained share', () => {
  let t: TestApp;

  const trainee = (
    code: string,
    fullName: string,
    associationMember: boolean | null,
    areaCode: string,
    role: string,
  ) =>
    t
      .http()
      .post('/api/trainees')
      .send({
        code,
        fullName,
        associationMember,
        posting: { areaCode, role, validFrom: '2015-01-01' },
      });

  const course = (code: string, body: object) =>
    t
      .http()
      .post('/api/courses')
      .send({
        code,
        title: 'Bồi dưỡng nghiệp vụ khuyến học',
        organiser: 'Hội Khuyến học',
        ...body,
      });

  const training = async (areaCode: string, year: number) =>
    (await t.http().get(`/api/progress/training?area=${areaCode}&year=${year}`).expect(200)).body;

  beforeAll(async () => {
    t = await createTestApp();
    await createArea(t, 'X', 'Thủy Kiểm Thử', 'commune', 'HUONG_THUY');
    await createArea(t, 'Y', 'Thủy Đối Chứng', 'commune', 'HUONG_THUY');
    await createArea(t, 'X_H1', 'Thôn 1', 'hamlet', 'X');
    await createArea(t, 'Y_H1', 'Thôn 1', 'hamlet', 'Y');
    await trainee('P1', 'Nguyễn Thị Lan', true, 'X_H1', 'association_member').expect(201);
    await trainee('P2', 'Trần Văn Bình', true, 'X', 'association_officer').expect(201);
    await trainee('P3', 'Lê Văn Cường', false, 'X_H1', 'hamlet_head').expect(201);
    await trainee('P4', 'Phạm Thị Dung', true, 'X_H1', 'association_member').expect(201);
    await trainee('P5', 'Hoàng Văn Em', true, 'Y', 'commune_vice_chair').expect(201);
    await trainee('P6', 'Võ Văn Phúc', null, 'Y_H1', 'hamlet_head').expect(201);
    await course('C2018', {
      startsOn: '2018-10-25',
      endsOn: '2018-10-26',
      areaCode: 'HUONG_THUY',
      topics: ['Xây dựng gia đình học tập', '  '],
      trainers: ['Báo cáo viên tỉnh'],
    }).expect(201);
    await course('C2019', { startsOn: '2019-05-10', endsOn: '2019-05-10', areaCode: 'X' }).expect(
      201,
    );
    const put = (code: string, entries: object[]) =>
      t.http().put(`/api/courses/${code}/attendance`).send({ entries }).expect(200);
    await put('C2018', [
      { traineeCode: 'P1', daysAttended: 2 },
      { traineeCode: 'P2', daysAttended: 1 },
    ]);
    await put('C2019', [
      { traineeCode: 'P1', daysAttended: 1 },
      { traineeCode: 'P3', daysAttended: 1 },
      { traineeCode: 'P4', daysAttended: 1 },
      { traineeCode: 'P5', daysAttended: 0 },
    ]);
    await t
      .http()
      .post('/api/trainees/P4/postings')
      .send({ areaCode: 'Y_H1', role: 'association_member', validFrom: '2020-03-01' })
      .expect(201);
  });

  afterAll(() => t.close());

  it('counts each group where its people serve at the end of 2019, a person trained twice once', async () => {
    const view = await training('HUONG_THUY', 2019);
    expect(view.periodFrom).toBe(2016);
    expect(view.total.association).toMatchObject({
      total: 4,
      trainedInYear: 2,
      trainedInPeriod: 2,
      partialOnly: 1,
      percentInPeriod: 50,
      met: false,
      shortfall: 2,
      target: { floor: 100, plan: { code: 'HUONG_THUY_2020' }, milestoneYear: 2020 },
    });
    expect(view.total.hamlet_leaders).toMatchObject({
      total: 2,
      trainedInPeriod: 1,
      percentInPeriod: 50,
      target: null,
      met: null,
    });
    expect(view.total.commune_officials).toMatchObject({ total: 1, trainedInPeriod: 0 });
    const row = (code: string) =>
      view.rows.find((r: { area: { code: string } }) => r.area.code === code);
    expect(row('X').groups.association).toMatchObject({
      total: 3,
      trainedInYear: 2,
      trainedInPeriod: 2,
      partialOnly: 1,
      percentInPeriod: 66.7,
      shortfall: 1,
    });
    expect(row('Y').groups.association).toMatchObject({ total: 1, trainedInPeriod: 0 });
    // The reference communes have nobody recorded yet: present with zero counts.
    expect(row('HT_PHU_BAI').groups.association).toMatchObject({ total: 0, percentInPeriod: null });
  });

  it('counts a person who moved in 2020 in the commune they serve that year', async () => {
    const view = await training('HUONG_THUY', 2020);
    const row = (code: string) =>
      view.rows.find((r: { area: { code: string } }) => r.area.code === code);
    expect(row('X').groups.association).toMatchObject({
      total: 2,
      trainedInYear: 0,
      trainedInPeriod: 1,
      partialOnly: 1,
    });
    expect(row('Y').groups.association).toMatchObject({
      total: 2,
      trainedInYear: 0,
      trainedInPeriod: 1,
    });
    expect(view.total.association).toMatchObject({
      total: 4,
      trainedInPeriod: 2,
      trainedInYear: 0,
    });
    const commune = await training('Y', 2020);
    expect(commune.rows.map((r: { area: { code: string } }) => r.area.code)).toEqual(['Y']);
    expect(commune.total.association).toMatchObject({ total: 2, trainedInPeriod: 1 });
  });

  it('lists the people serving under an area in a year, searchable without diacritics', async () => {
    const list = async (query: string) =>
      (await t.http().get(`/api/trainees?${query}`).expect(200)).body;
    const in2019 = await list('area=X&year=2019');
    expect(in2019.items.map((p: { code: string }) => p.code).sort()).toEqual([
      'P1',
      'P2',
      'P3',
      'P4',
    ]);
    const in2020 = await list('area=X&year=2020');
    expect(in2020.total).toBe(3);
    const found = await list('area=HUONG_THUY&q=pham thi dung');
    expect(found.items).toHaveLength(1);
    expect(found.items[0]).toMatchObject({
      code: 'P4',
      posting: { area: { code: 'Y_H1' }, role: 'association_member', validTo: null },
      groups: ['association'],
    });
    const officials = await list('area=Y&group=commune_officials');
    expect(officials.items.map((p: { code: string }) => p.code)).toEqual(['P5']);
    const detail = (await t.http().get('/api/trainees/P4').expect(200)).body;
    expect(detail.postings).toEqual([
      expect.objectContaining({
        area: expect.objectContaining({ code: 'Y_H1' }),
        validFrom: '2020-03-01',
        validTo: null,
      }),
      expect.objectContaining({
        area: expect.objectContaining({ code: 'X_H1' }),
        validTo: '2020-02-29',
      }),
    ]);
    expect(detail.courses).toEqual([
      {
        code: 'C2019',
        title: 'Bồi dưỡng nghiệp vụ khuyến học',
        startsOn: '2019-05-10',
        days: 1,
        daysAttended: 1,
      },
    ]);
  });

  it('shows a course with its attendance and the place each attendee served then', async () => {
    const view = (await t.http().get('/api/courses/C2018').expect(200)).body;
    expect(view).toMatchObject({
      code: 'C2018',
      days: 2,
      topics: ['Xây dựng gia đình học tập'],
      trainers: ['Báo cáo viên tỉnh'],
      area: { code: 'HUONG_THUY' },
      attendance: { full: 1, partial: 1, absent: 0 },
    });
    expect(view.attendees).toEqual([
      expect.objectContaining({
        trainee: { code: 'P1', fullName: 'Nguyễn Thị Lan' },
        daysAttended: 2,
        role: 'association_member',
      }),
      expect.objectContaining({
        trainee: { code: 'P2', fullName: 'Trần Văn Bình' },
        daysAttended: 1,
        area: expect.objectContaining({ code: 'X' }),
      }),
    ]);
    const listed = (await t.http().get('/api/courses?area=X&year=2018').expect(200)).body;
    expect(listed.items.map((c: { code: string }) => c.code)).toEqual(['C2018']);
  });

  it('reports what a re-sent attendance list changed', async () => {
    const result = await t
      .http()
      .put('/api/courses/C2019/attendance')
      .send({
        entries: [
          { traineeCode: 'P1', daysAttended: 1 },
          { traineeCode: 'P5', daysAttended: 1 },
          { traineeCode: 'P6', daysAttended: 0 },
        ],
      })
      .expect(200);
    expect(result.body).toEqual({ created: 1, updated: 1, unchanged: 1 });
    const view = (await t.http().get('/api/courses/C2019').expect(200)).body;
    expect(view.attendance).toEqual({ full: 4, partial: 0, absent: 1 });
    await t
      .http()
      .put('/api/courses/C2019/attendance')
      .send({
        entries: [
          { traineeCode: 'P5', daysAttended: 0 },
          { traineeCode: 'P6', daysAttended: 0 },
        ],
      })
      .expect(200);
  });

  it('refuses bad attendance naming each entry, and writes none of it', async () => {
    const response = await t
      .http()
      .put('/api/courses/C2018/attendance')
      .send({
        entries: [
          { traineeCode: 'P3', daysAttended: 3 },
          { traineeCode: 'P3', daysAttended: 1 },
          { traineeCode: 'P6', daysAttended: 2 },
        ],
      })
      .expect(400);
    expect(response.body.details).toEqual([
      expect.objectContaining({
        field: 'entries[0].daysAttended',
        code: 'ATTENDANCE_OUT_OF_RANGE',
      }),
      expect.objectContaining({ field: 'entries[1].traineeCode', code: 'DUPLICATE_ENTRY' }),
    ]);
    const unknown = await t
      .http()
      .put('/api/courses/C2018/attendance')
      .send({
        entries: [
          { traineeCode: 'P6', daysAttended: 2 },
          { traineeCode: 'NOBODY', daysAttended: 2 },
        ],
      })
      .expect(400);
    expect(unknown.body.details).toEqual([
      expect.objectContaining({ field: 'entries[1].traineeCode', code: 'TRAINEE_NOT_FOUND' }),
    ]);
    const view = (await t.http().get('/api/courses/C2018').expect(200)).body;
    expect(view.attendees.map((a: { trainee: { code: string } }) => a.trainee.code)).toEqual([
      'P1',
      'P2',
    ]);
  });

  it('refuses bad people and courses with the field and the problem', async () => {
    const wrongLevel = await trainee('P7', 'Đặng Văn Giang', null, 'X', 'hamlet_head').expect(400);
    expect(wrongLevel.body.details).toEqual([
      expect.objectContaining({ field: 'posting.role', code: 'ROLE_LEVEL_MISMATCH' }),
    ]);
    const duplicate = await trainee(
      'P1',
      'Nguyễn Thị Lan',
      true,
      'X_H1',
      'association_member',
    ).expect(409);
    expect(duplicate.body.code).toBe('DUPLICATE_CODE');
    const badRole = await trainee('P8', 'Bùi Thị Hạnh', null, 'X_H1', 'mayor').expect(400);
    expect(badRole.body.message).toContain('role');
    const backwards = await course('C_BAD', {
      startsOn: '2020-05-10',
      endsOn: '2020-05-09',
      areaCode: 'X',
    }).expect(400);
    expect(backwards.body.details).toEqual([
      expect.objectContaining({ field: 'endsOn', code: 'COURSE_ENDS_BEFORE_START' }),
    ]);
    await course('C_LONG', { startsOn: '2020-05-01', endsOn: '2020-06-30', areaCode: 'X' }).expect(
      400,
    );
    const shorter = await t
      .http()
      .put('/api/courses/C2018')
      .send({
        title: 'Tập huấn',
        organiser: 'Thị xã Hương Thủy',
        startsOn: '2018-10-25',
        endsOn: '2018-10-25',
        areaCode: 'HUONG_THUY',
      })
      .expect(400);
    expect(shorter.body.details[0]).toMatchObject({
      field: 'endsOn',
      code: 'COURSE_SHORTER_THAN_ATTENDANCE',
    });
    const early = await t
      .http()
      .post('/api/trainees/P4/postings')
      .send({ areaCode: 'X_H1', role: 'association_member', validFrom: '2020-01-01' })
      .expect(400);
    expect(early.body.details[0]).toMatchObject({
      field: 'validFrom',
      code: 'POSTING_BEFORE_CURRENT',
    });
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM trainees WHERE code IN ('P7', 'P8')`,
    );
    expect(n).toBe(0);
  });

  it('keeps an officer to the people and courses of their own commune', async () => {
    const officer = await t.userAgent({
      username: 'officer.y',
      role: 'officer',
      scopeAreaCode: 'Y',
    });
    await officer.get('/api/trainees/P6').expect(200);
    // Another commune's people and courses answer as unknown codes do: a guess tells nothing.
    const outside = await officer.get('/api/trainees/P2').expect(404);
    const unknown = await officer.get('/api/trainees/P404').expect(404);
    expect(outside.body.code).toBe(unknown.body.code);
    expect(outside.body.message.replace('P2', 'P404')).toBe(unknown.body.message);
    await officer
      .post('/api/trainees')
      .send({
        code: 'P9',
        fullName: 'Ngô Văn Khoa',
        posting: { areaCode: 'X_H1', role: 'hamlet_head' },
      })
      .expect(403);
    // The thị xã's course is seen by the communes under it, but only the thị xã records it.
    await officer.get('/api/courses/C2018').expect(200);
    await officer
      .put('/api/courses/C2018/attendance')
      .send({ entries: [{ traineeCode: 'P6', daysAttended: 2 }] })
      .expect(403);
    const course = await officer.get('/api/courses/C2019').expect(404);
    expect(course.body.code).toBe((await officer.get('/api/courses/C404').expect(404)).body.code);
  });

  it('takes training targets in a plan and refuses a bad one', async () => {
    const plan = {
      code: 'X_2020',
      name: 'Kế hoạch riêng của xã X',
      scopeAreaCode: 'X',
      milestoneYear: 2020,
      values: [{ variant: 'standard', kind: 'family', floor: 85 }],
      training: [
        { group: 'association', floor: 90 },
        { group: 'hamlet_leaders', floor: 100 },
      ],
    };
    await t.http().put('/api/targets').send(plan).expect(200);
    const view = await training('HUONG_THUY', 2019);
    const x = view.rows.find((r: { area: { code: string } }) => r.area.code === 'X');
    expect(x.groups.association.target).toMatchObject({ floor: 90, plan: { code: 'X_2020' } });
    expect(x.groups.hamlet_leaders).toMatchObject({ met: true, shortfall: 0 });
    const bad = await t
      .http()
      .put('/api/targets')
      .send({
        ...plan,
        training: [
          { group: 'association', floor: 0 },
          { group: 'association', floor: 50 },
        ],
      })
      .expect(400);
    expect(bad.body.details.map((d: { field: string }) => d.field)).toEqual([
      'training[0].floor',
      'training[1].group',
    ]);
    const unknown = await t
      .http()
      .put('/api/targets')
      .send({ ...plan, training: [{ group: 'everyone', floor: 50 }] })
      .expect(400);
    expect(unknown.body.message).toContain('group');
  });
});
