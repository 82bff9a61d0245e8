import { createTestApp, type TestApp } from './support/test-app.js';

describe('areas: an effective-dated hierarchy', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });

  afterAll(() => t.close());

  const communesOf = async (parent: string, year: number): Promise<string[]> => {
    const response = await t
      .http()
      .get(`/api/areas?level=commune&parent=${parent}&year=${year}`)
      .expect(200);
    return response.body.map((area: { code: string }) => area.code);
  };

  it('counts 12 communes in Hương Thủy in 2020 and 10 in 2022, after the 2021 transfer', async () => {
    const in2020 = await communesOf('HUONG_THUY', 2020);
    const in2022 = await communesOf('HUONG_THUY', 2022);
    expect(in2020).toHaveLength(12);
    expect(in2022).toHaveLength(10);
    expect(in2020).toEqual(expect.arrayContaining(['HT_THUY_VAN', 'HT_THUY_BANG']));
    expect(in2022).not.toContain('HT_THUY_VAN');
    expect(await communesOf('TP_HUE', 2022)).toEqual(
      expect.arrayContaining(['HT_THUY_VAN', 'HT_THUY_BANG']),
    );
  });

  it('keeps the parent history and places an area as it stood in a given year', async () => {
    const before = await t.http().get('/api/areas/HT_THUY_VAN?year=2020').expect(200);
    expect(before.body.parentCode).toBe('HUONG_THUY');
    expect(before.body.ancestors.map((a: { code: string }) => a.code)).toEqual([
      'HUONG_THUY',
      'TT_HUE',
    ]);
    const after = await t.http().get('/api/areas/HT_THUY_VAN?year=2022').expect(200);
    expect(after.body.parentCode).toBe('TP_HUE');
    expect(after.body.parents).toEqual([
      expect.objectContaining({
        parentCode: 'HUONG_THUY',
        validFrom: '2010-01-01',
        validTo: '2021-06-30',
      }),
      expect.objectContaining({ parentCode: 'TP_HUE', validFrom: '2021-07-01', validTo: null }),
    ]);
  });

  it('counts the district progress over 12 communes in 2020 and 10 in 2022', async () => {
    const in2020 = await t.http().get('/api/progress?area=HUONG_THUY&year=2020').expect(200);
    const in2022 = await t.http().get('/api/progress?area=HUONG_THUY&year=2022').expect(200);
    expect(in2020.body.rows).toHaveLength(12);
    expect(in2022.body.rows).toHaveLength(10);
    expect(in2022.body.total.family.target.plan.code).toBe('QD387_2025');
  });

  it('records a merger: the predecessors end, their hamlets move, history stays', async () => {
    await t
      .http()
      .post('/api/areas')
      .send({
        code: 'HT_THUY_PHU_TAN',
        name: 'Thủy Phù Tân',
        level: 'commune',
        typeLabel: 'xã',
        parentCode: 'HUONG_THUY',
        validFrom: '2024-01-01',
        predecessors: [
          { code: 'HT_THUY_PHU', change: 'merger' },
          { code: 'HT_THUY_TAN', change: 'merger' },
        ],
      })
      .expect(201);
    const merged = await t.http().get('/api/areas/HT_THUY_PHU_TAN').expect(200);
    expect(merged.body.predecessors.map((p: { code: string }) => p.code)).toEqual([
      'HT_THUY_PHU',
      'HT_THUY_TAN',
    ]);
    const old = await t.http().get('/api/areas/HT_THUY_PHU').expect(200);
    expect(old.body).toMatchObject({
      validTo: '2023-12-31',
      successors: [expect.objectContaining({ code: 'HT_THUY_PHU_TAN' })],
    });
    expect(await communesOf('HUONG_THUY', 2023)).toEqual(
      expect.arrayContaining(['HT_THUY_PHU', 'HT_THUY_TAN']),
    );
    const in2024 = await communesOf('HUONG_THUY', 2024);
    expect(in2024).toContain('HT_THUY_PHU_TAN');
    expect(in2024).not.toContain('HT_THUY_PHU');
    const hamlets2023 = await t
      .http()
      .get('/api/areas?level=hamlet&parent=HT_THUY_PHU&year=2023')
      .expect(200);
    const hamlets2024 = await t
      .http()
      .get('/api/areas?level=hamlet&parent=HT_THUY_PHU_TAN&year=2024')
      .expect(200);
    expect(hamlets2023.body.length).toBeGreaterThan(0);
    expect(hamlets2024.body.map((h: { code: string }) => h.code)).toEqual(
      expect.arrayContaining(hamlets2023.body.map((h: { code: string }) => h.code)),
    );
  });

  it('transfers a commune to another district from a date', async () => {
    await t
      .http()
      .post('/api/areas/HT_PHU_SON/transfers')
      .send({ parentCode: 'TP_HUE', effectiveOn: '2023-01-01' })
      .expect(201);
    expect(await communesOf('HUONG_THUY', 2022)).toContain('HT_PHU_SON');
    expect(await communesOf('HUONG_THUY', 2023)).not.toContain('HT_PHU_SON');
  });

  it('keeps a household in its hamlet’s commune of today: its clan, and where it moves', async () => {
    const admin = t.http();
    for (const [code, commune] of [
      ['AR_CL_PB', 'HT_PHU_BAI'],
      ['AR_CL_TL', 'HT_THUY_LUONG'],
    ]) {
      await admin
        .post('/api/clans')
        .send({ code, name: 'Họ Lê', communeCode: commune, activeFrom: '2024-01-01' })
        .expect(201);
    }
    await admin
      .post('/api/areas')
      .send({
        code: 'AR_HAMLET',
        name: 'Thôn Chuyển',
        level: 'hamlet',
        typeLabel: 'thôn',
        parentCode: 'HT_PHU_BAI',
        validFrom: '2024-01-01',
      })
      .expect(201);
    const created = await admin
      .post('/api/households')
      .send({
        code: 'AR_HH',
        headName: 'Lê Văn Chuyển',
        hamletCode: 'AR_HAMLET',
        clanCode: 'AR_CL_PB',
        members: 3,
        activeFrom: '2024-01-01',
      })
      .expect(201);
    expect(created.body).toMatchObject({
      commune: { code: 'HT_PHU_BAI' },
      clan: { code: 'AR_CL_PB' },
    });
    // The hamlet joins Thủy Lương: the household follows it, its Phú Bài clan no longer fits.
    await admin
      .post('/api/areas/AR_HAMLET/transfers')
      .send({ parentCode: 'HT_THUY_LUONG', effectiveOn: '2025-01-01' })
      .expect(201);
    const moved = await admin.get('/api/households/AR_HH').expect(200);
    expect(moved.body.commune.code).toBe('HT_THUY_LUONG');
    const stale = await admin.patch('/api/households/AR_HH').send({ members: 4 }).expect(400);
    expect(stale.body.code).toBe('CLAN_OUTSIDE_COMMUNE');
    const rejoined = await admin
      .patch('/api/households/AR_HH')
      .send({ clanCode: 'AR_CL_TL', members: 4 })
      .expect(200);
    expect(rejoined.body).toMatchObject({ members: 4, clan: { code: 'AR_CL_TL' } });
    // Back to a Phú Bài hamlet, its Thủy Lương clan goes with it only if it is left behind.
    const refused = await admin
      .patch('/api/households/AR_HH')
      .send({ hamletCode: 'HT_PHU_BAI_T01' })
      .expect(400);
    expect(refused.body.code).toBe('CLAN_OUTSIDE_COMMUNE');
    const back = await admin
      .patch('/api/households/AR_HH')
      .send({ hamletCode: 'HT_PHU_BAI_T01', clanCode: null })
      .expect(200);
    expect(back.body).toMatchObject({
      hamlet: { code: 'HT_PHU_BAI_T01' },
      commune: { code: 'HT_PHU_BAI' },
      clan: null,
    });
  });

  it('refuses an area whose parent does not exist or cannot contain it', async () => {
    const unknown = await t
      .http()
      .post('/api/areas')
      .send({
        code: 'NEW_HAMLET',
        name: 'Thôn Mới',
        level: 'hamlet',
        typeLabel: 'thôn',
        parentCode: 'NOPE',
        validFrom: '2020-01-01',
      })
      .expect(404);
    expect(unknown.body).toMatchObject({
      code: 'AREA_NOT_FOUND',
      details: [expect.objectContaining({ field: 'parentCode' })],
    });
    const upside = await t
      .http()
      .post('/api/areas')
      .send({
        code: 'NEW_DISTRICT',
        name: 'Huyện Mới',
        level: 'district',
        typeLabel: 'huyện',
        parentCode: 'HT_PHU_BAI',
        validFrom: '2020-01-01',
      })
      .expect(400);
    expect(upside.body.code).toBe('INVALID_HIERARCHY');
    const duplicate = await t
      .http()
      .post('/api/areas')
      .send({
        code: 'HT_PHU_BAI',
        name: 'Phú Bài',
        level: 'commune',
        typeLabel: 'phường',
        parentCode: 'HUONG_THUY',
        validFrom: '2020-01-01',
      })
      .expect(409);
    expect(duplicate.body.code).toBe('DUPLICATE_CODE');
  });
});

describe('targets: plans as data, the most specific plan for the milestone', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });

  afterAll(() => t.close());

  it('measures 2016–2020 against the district plan and 2021–2025 against QĐ 387', async () => {
    const y2018 = await t.http().get('/api/targets?area=HT_PHU_BAI&year=2018').expect(200);
    expect(y2018.body.targets.family).toMatchObject({
      floor: 80,
      plan: { code: 'HUONG_THUY_2020' },
      milestoneYear: 2020,
    });
    expect(y2018.body.targets.unit).toMatchObject({ floor: 50, stretch: 60 });
    const y2022 = await t.http().get('/api/targets?area=HT_PHU_BAI&year=2022').expect(200);
    expect(y2022.body.targets.unit).toMatchObject({ floor: 80, plan: { code: 'QD387_2025' } });
  });

  it('uses the difficult-area variant of a national plan for a mountainous commune', async () => {
    const response = await t.http().get('/api/targets?area=TP_HUE&year=2019').expect(200);
    expect(response.body.targets.family.plan.code).toBe('QD281_2020');
    await t
      .http()
      .post('/api/areas')
      .send({
        code: 'MOUNTAIN',
        name: 'Miền Núi',
        level: 'commune',
        typeLabel: 'xã',
        parentCode: 'TP_HUE',
        validFrom: '2010-01-01',
        difficult: true,
      })
      .expect(201);
    const mountain = await t.http().get('/api/targets?area=MOUNTAIN&year=2019').expect(200);
    expect(mountain.body.targets.family).toMatchObject({
      floor: 60,
      variant: 'difficult',
      plan: { code: 'QD281_2020' },
    });
  });

  it('lets a commune override win, and refuses a bad plan naming the field', async () => {
    await t
      .http()
      .put('/api/targets')
      .send({
        code: 'PHU_BAI_2020',
        name: 'Kế hoạch phường Phú Bài',
        scopeAreaCode: 'HT_PHU_BAI',
        milestoneYear: 2020,
        values: [{ variant: 'standard', kind: 'family', floor: 85 }],
      })
      .expect(200);
    const response = await t.http().get('/api/targets?area=HT_PHU_BAI&year=2020').expect(200);
    expect(response.body.targets.family).toMatchObject({
      floor: 85,
      plan: { code: 'PHU_BAI_2020' },
    });
    expect(response.body.targets.clan.plan.code).toBe('HUONG_THUY_2020');
    const bad = await t
      .http()
      .put('/api/targets')
      .send({
        code: 'BAD',
        name: 'x',
        milestoneYear: 2030,
        values: [{ variant: 'standard', kind: 'family', floor: 80, stretch: 70 }],
      })
      .expect(400);
    expect(bad.body.details).toEqual([expect.objectContaining({ field: 'values[0].stretch' })]);
  });
});
