import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import ExcelJS from 'exceljs';
import type { Browser, Locator } from 'playwright-core';
import { formatNumberVi, type KindProgress, type ModelKind } from '@app/domain';
import { DEMO_PASSWORD, seedAll } from '@app/seed';
import {
  CHROMIUM,
  launchBrowser,
  openPage,
  screenshot,
  SCREENSHOTS,
  signIn,
  webAppBuilt,
  type PageWatch,
} from './support/browser.js';
import { createTestApp, TEST_PASSWORD, type TestApp } from './support/test-app.js';

// Chromium is installed by .ci/run; on a machine without it the browser tests are skipped, never in CI.
const browserTest = process.env.CI || existsSync(CHROMIUM) ? describe : describe.skip;

interface Progress {
  rows: { area: { code: string; name: string } }[];
  total: Record<ModelKind, KindProgress>;
}

const percentText = (value: number | null) =>
  value === null ? '—' : `${formatNumberVi(value, 1)}%`;

/**
 * Reads a locator's text (or what `read` returns) until it satisfies the check: the page loads
 * and re-renders on its own time, later still on a busy machine.
 */
async function eventually(
  target: Locator | (() => Promise<string | null>),
  check: (text: string) => boolean,
  timeout = 30000,
): Promise<string> {
  const read =
    typeof target === 'function'
      ? target
      : async () => ((await target.count()) > 0 ? await target.first().textContent() : '');
  const until = Date.now() + timeout;
  let text = '';
  while (Date.now() < until) {
    text = (await read()) ?? '';
    if (check(text)) return text;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`"${text}" never satisfied the check`);
}

browserTest('the web app in a browser', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  const watches: PageWatch[] = [];

  const open = async (
    username: string,
    password = DEMO_PASSWORD,
    viewport?: { width: number; height: number },
  ) => {
    const { page, watch } = await openPage(browser, base, viewport);
    watches.push(watch);
    await signIn(page, base, username, password);
    return page;
  };

  const progress = async (area: string, year: number): Promise<Progress> =>
    (await t.http().get(`/api/progress?area=${area}&year=${year}`).expect(200)).body as Progress;

  beforeAll(async () => {
    if (!webAppBuilt()) throw new Error('The web app is not built: run npm run build:web');
    // Every page here signs in from the same address, more often than the 20 sign-ins a quarter
    // of an hour the server allows one address (the limit itself is tested in access.e2e-spec).
    t = await createTestApp();
    await seedAll(t.owner, { demo: true, log: () => undefined });
    await t.app.listen(0, '127.0.0.1');
    const address = t.app.getHttpServer().address() as AddressInfo;
    base = `http://127.0.0.1:${address.port}`;
    browser = await launchBrowser();
  }, 120000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  afterEach(() => {
    for (const watch of watches) {
      expect(watch.errors).toEqual([]);
      // Officials' networks are poor: no font, script or style comes from the internet.
      expect(watch.external).toEqual([]);
    }
    watches.length = 0;
  });

  // One test a role: on a busy machine the first pages of a run are the slowest to come.
  it('lands a district leader on the dashboard of the thị xã, with nothing to review', async () => {
    const viewer = await open('lanhdao.huongthuy');
    await viewer.waitForURL(/\/tong-quan\?area=HUONG_THUY/);
    await viewer.getByTestId('percent-family').waitFor();
    expect(await viewer.getByRole('link', { name: 'Duyệt hồ sơ' }).count()).toBe(0);
  });

  it('lands the association on its dashboard, one click from the review queue', async () => {
    const reviewer = await open('khuyenhoc.huongthuy');
    await reviewer.waitForURL(/\/tong-quan\?area=HUONG_THUY/);
    const figures = (await progress('HUONG_THUY', 2020)).total.community;
    await eventually(reviewer.getByTestId('percent-community'), (text) =>
      text.includes(percentText(figures.percentOfTotal)),
    );
    await reviewer.getByRole('link', { name: 'Duyệt hồ sơ' }).click();
    await reviewer.getByTestId('completeness').waitFor();
    await screenshot(reviewer, 'review-queue');
  });

  it('lands a ward official in the commune workspace', async () => {
    const officer = await open('canbo.phubai');
    await officer.waitForURL(/\/xa\/HT_PHU_BAI/);
    await officer.getByTestId('worklist').waitFor();
    await screenshot(officer, 'commune-workspace');
  });

  it('lands the administrator on the province, one click from the accounts', async () => {
    const admin = await open('admin', TEST_PASSWORD);
    await admin.waitForURL(/\/tong-quan\?area=TT_HUE/);
    await admin.getByRole('link', { name: 'Quản trị', exact: true }).click();
    const users = await eventually(admin.getByTestId('users'), (text) =>
      text.includes('canbo.phubai'),
    );
    expect(users).toContain('khuyenhoc.huongthuy');
    await screenshot(admin, 'administration');
  });

  it('signs in with the keyboard alone', async () => {
    const { page, watch } = await openPage(browser, base);
    watches.push(watch);
    await page.goto(`${base}/`);
    await page.keyboard.press('Tab');
    await page.keyboard.type('lanhdao.huongthuy');
    await page.keyboard.press('Tab');
    await page.keyboard.type(DEMO_PASSWORD);
    await page.keyboard.press('Enter');
    await page.getByTestId('percent-family').waitFor();
  });

  it('shows on the dashboard the figures the API computes', async () => {
    const expected = await progress('HUONG_THUY', 2020);
    const page = await open('lanhdao.huongthuy');
    await page.waitForURL(/year=|tong-quan/);
    for (const kind of ['family', 'clan', 'community', 'unit'] as const) {
      const figures = expected.total[kind];
      await eventually(page.getByTestId(`percent-${kind}`), (text) =>
        text.includes(percentText(figures.percentOfTotal)),
      );
      expect(await page.getByTestId(`recognised-${kind}`).textContent()).toBe(
        formatNumberVi(figures.recognised),
      );
      expect(await page.getByTestId(`total-${kind}`).textContent()).toBe(
        formatNumberVi(figures.total),
      );
    }
    const rows = page.getByTestId('rows-table').locator('tbody tr');
    await eventually(
      async () => String(await rows.count()),
      (count) => count === String(expected.rows.length),
    );
    const phuBai = await page
      .getByTestId('rows-table')
      .locator('tr[data-code="HT_PHU_BAI"]')
      .textContent();
    const phuBaiFigures = (await progress('HT_PHU_BAI', 2020)).total.family;
    expect(phuBai).toContain(percentText(phuBaiFigures.percentOfTotal));

    // The trained share of the association, for the thị xã and for a commune.
    const training = (
      await t.http().get('/api/progress/training?area=HUONG_THUY&year=2020').expect(200)
    ).body as {
      total: Record<string, { percentInPeriod: number; shortfall: number }>;
      rows: { area: { code: string }; groups: Record<string, { percentInPeriod: number }> }[];
    };
    await eventually(page.getByTestId('trained-association'), (text) =>
      text.includes(percentText(training.total.association.percentInPeriod)),
    );
    const panel = page.getByTestId('training-panel');
    expect(await panel.textContent()).toContain(
      `Còn ${formatNumberVi(training.total.association.shortfall)} người`,
    );
    const phuBaiTraining = training.rows.find((row) => row.area.code === 'HT_PHU_BAI');
    expect(
      await panel.getByTestId('training-table').locator('tr[data-code="HT_PHU_BAI"]').textContent(),
    ).toContain(percentText(phuBaiTraining?.groups.association.percentInPeriod ?? null));
    await screenshot(page, 'dashboard');

    // Sorting by the families' share puts the lowest commune first.
    await page.getByRole('button', { name: /^Gia đình/ }).click();
    const lowest = [...expected.rows].sort(
      (a, b) =>
        ((a as unknown as Record<ModelKind, KindProgress>).family.percentOfTotal ?? 0) -
        ((b as unknown as Record<ModelKind, KindProgress>).family.percentOfTotal ?? 0),
    )[0];
    await eventually(
      () => rows.first().getAttribute('data-code'),
      (code) => code === lowest.area.code,
    );

    // Drilling down to a commune shows its hamlets.
    await page.getByRole('link', { name: 'Phú Bài' }).click();
    await page.waitForURL(/area=HT_PHU_BAI/);
    await eventually(page.getByTestId(`percent-family`), (text) =>
      text.includes(percentText(phuBaiFigures.percentOfTotal)),
    );
  });

  it('shows where to act next: the focus on the dashboard, the near misses in the workspace', async () => {
    const focus = (
      await t.http().get('/api/insights/focus?area=HUONG_THUY&year=2020&kind=family').expect(200)
    ).body as { total: { whatIf: { message: string } }; rows: { area: { code: string } }[] };
    const page = await open('lanhdao.huongthuy');
    await page.waitForURL(/tong-quan/);
    await eventually(page.getByTestId('focus-what-if'), (text) =>
      text.includes(focus.total.whatIf.message),
    );
    expect(await page.getByTestId('focus-table').locator('tbody tr').count()).toBe(
      focus.rows.length,
    );
    await eventually(page.getByTestId('focus-reasons'), (text) =>
      text.includes('Tổng điểm dưới ngưỡng đạt'),
    );

    const near = (
      await t
        .http()
        .get(
          '/api/insights/near-misses?area=HT_PHU_BAI&year=2020&kind=family&hamlet=HT_PHU_BAI_T02',
        )
        .expect(200)
    ).body as { items: { code: string; shortfalls: { message: string }[] }[] };
    expect(near.items.length).toBeGreaterThan(0);
    const officer = await open('canbo.phubai');
    await officer.waitForURL(/\/xa\/HT_PHU_BAI/);
    await officer.goto(`${base}/xa/HT_PHU_BAI?year=2020&kind=family&hamlet=HT_PHU_BAI_T02`);
    const rows = officer.getByTestId('near-miss-table').locator('tbody tr');
    await eventually(officer.getByTestId('near-miss-panel'), (text) =>
      text.includes(`Sát ngưỡng (${near.items.length})`),
    );
    expect(await rows.first().getAttribute('data-code')).toBe(near.items[0].code);
    expect(await rows.first().textContent()).toContain(near.items[0].shortfalls[0].message);
    await officer.getByTestId('near-miss-panel').screenshot({
      path: `${SCREENSHOTS}/workspace-near-misses.png`,
    });
  });

  it('records attendance of a course from the training pages', async () => {
    const page = await open('khuyenhoc.huongthuy');
    await page.waitForURL(/tong-quan/);
    await page.goto(`${base}/tap-huan?area=HUONG_THUY&year=2018`);
    const course = page.getByTestId('courses').locator('tr[data-code="HT-TH-2018-10"]');
    await eventually(course, (text) => text.includes('340'));
    await course.getByRole('link').click();
    await page.getByRole('heading', { name: /^Tập huấn công tác khuyến học/ }).waitFor();
    await eventually(
      page.getByTestId('course-attendance'),
      (text) => text === 'Dự đủ 340, dự một phần 8, vắng 12.',
    );
    const first = page.getByTestId('attendees').locator('tbody tr').first();
    const code = (await first.getAttribute('data-code')) as string;
    const before = (await t.http().get(`/api/courses/HT-TH-2018-10`).expect(200)).body as {
      attendees: { trainee: { code: string }; daysAttended: number }[];
    };
    const days = before.attendees.find((a) => a.trainee.code === code)?.daysAttended;
    const next = days === 2 ? '1' : '2';
    await first.getByRole('spinbutton').fill(next);
    await page.getByRole('button', { name: 'Lưu điểm danh' }).click();
    await eventually(page.locator('.notice-success'), (text) => text.includes('1 người sửa'));
    const after = (await t.http().get(`/api/courses/HT-TH-2018-10`).expect(200))
      .body as typeof before;
    expect(after.attendees.find((a) => a.trainee.code === code)?.daysAttended).toBe(Number(next));

    // An unknown code is refused next to the field, and nothing is written.
    await page.getByLabel('Thêm người dự đủ (mã người)').fill('KHONG_CO');
    await page.getByRole('button', { name: 'Lưu điểm danh' }).click();
    await eventually(page.locator('.error-text'), (text) => text.includes('KHONG_CO'));
    await page.screenshot({ path: `${SCREENSHOTS}/course-attendance.png` });

    const viewer = await open('lanhdao.huongthuy');
    await viewer.waitForURL(/tong-quan/);
    await viewer.goto(`${base}/tap-huan/lop/HT-TH-2018-10`);
    await viewer.getByTestId('attendees').waitFor();
    expect(await viewer.getByRole('button', { name: 'Lưu điểm danh' }).count()).toBe(0);
  });

  it('fits a phone screen', async () => {
    const page = await open('lanhdao.huongthuy', DEMO_PASSWORD, { width: 390, height: 844 });
    await page.getByTestId('percent-family').waitFor();
    await page.getByTestId('rows-table').waitFor();
    const overflow = await page.evaluate(
      'document.documentElement.scrollWidth - document.documentElement.clientWidth',
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'dashboard-phone');
  });

  it('shows why a failing evaluation fails, as the official types', async () => {
    const page = await open('canbo.phubai');
    await page.getByTestId('worklist').waitFor();
    const household = (
      (
        await t
          .http()
          .get('/api/worklist?area=HT_PHU_BAI&year=2020&kind=family&status=none&pageSize=2')
          .expect(200)
      ).body as { items: { code: string }[] }
    ).items[1].code;
    await page.goto(`${base}/danh-gia/family/${household}/2020`);
    await page.getByLabel(/^Tiêu chí 1\./).fill('25');
    await page.getByLabel(/^Tiêu chí 2\./).fill('7,5');
    await page.getByLabel(/^Tiêu chí 3\./).fill('19,5');
    await page.getByLabel(/^Tiêu chí 4\./).fill('17');
    // Each keystroke re-scores the form: wait for the last one to have landed.
    await eventually(page.getByTestId('live-total'), (text) => text === '69 / 100 điểm');
    await eventually(page.getByTestId('live-verdict'), (text) => text === 'Chưa đạt');
    const reasons = await eventually(page.getByTestId('live-reasons'), (text) =>
      text.includes('Tổng điểm 69 dưới ngưỡng đạt 80'),
    );
    expect(reasons).toContain('Tiêu chí 2: 7,5 điểm dưới mức tối thiểu 15');

    // Above the maximum: the message sits next to the criterion and nothing can be saved.
    await page.getByLabel(/^Tiêu chí 3\./).fill('25');
    await eventually(page.locator('.field-invalid'), (text) =>
      text.includes('vượt quá tối đa 20 điểm'),
    );
    expect(await page.getByRole('button', { name: 'Lưu nháp' }).isDisabled()).toBe(true);
    await page.getByLabel(/^Tiêu chí 3\./).fill('19,5');
    await page.getByRole('button', { name: 'Lưu nháp' }).click();
    await eventually(page.locator('.notice-success'), (text) => text.includes('Đã lưu'));
    await screenshot(page, 'evaluation-failing');

    const saved = (await t.http().get(`/api/evaluations/family/${household}/2020`).expect(200))
      .body as { passed: boolean; total: number; scores: Record<string, number> };
    expect(saved).toMatchObject({ passed: false, total: 69, scores: { '2': 7.5, '3': 19.5 } });
  });

  it('takes a household from entry to recognition, and the dashboard follows', async () => {
    const before = await progress('HUONG_THUY', 2020);
    const household = (
      (
        await t
          .http()
          .get('/api/worklist?area=HT_PHU_BAI&year=2020&kind=family&status=none&pageSize=1')
          .expect(200)
      ).body as { items: { code: string; name: string }[] }
    ).items[0];

    const officer = await open('canbo.phubai');
    await officer.getByTestId('worklist').waitFor();
    await officer.getByLabel('Tìm theo tên hoặc mã').fill(household.code);
    await eventually(
      officer.getByTestId('worklist').locator('tbody'),
      (text) => text.includes(household.code) && !text.includes('đã công nhận'),
    );
    await officer
      .getByRole('link', { name: `Chấm điểm ${household.name}` })
      .first()
      .click();
    await officer.getByLabel(/^Tiêu chí 1\./).fill('28');
    await officer.getByLabel(/^Tiêu chí 2\./).fill('27');
    await officer.getByLabel(/^Tiêu chí 3\./).fill('18');
    await officer.getByLabel(/^Tiêu chí 4\./).fill('17');
    await eventually(officer.getByTestId('live-verdict'), (text) => text === 'Đạt');
    await screenshot(officer, 'evaluation-form');
    await officer.getByRole('button', { name: 'Lưu và gửi duyệt' }).click();
    await eventually(officer.locator('.badge'), (text) => text === 'đã gửi duyệt');

    const reviewer = await open('khuyenhoc.huongthuy');
    await reviewer.getByRole('link', { name: 'Duyệt hồ sơ' }).waitFor();
    await reviewer.goto(`${base}/duyet?area=HT_PHU_BAI&year=2020`);
    const queued = reviewer.getByTestId('queue').locator(`tr[data-code="${household.code}"]`);
    await queued.waitFor();
    await queued.getByRole('button', { name: /^Duyệt/ }).click();
    await eventually(reviewer.locator('.notice-success'), (text) => text.includes('Đã duyệt'));

    await officer.reload();
    await eventually(officer.locator('.badge'), (text) => text === 'đã duyệt');
    // A decision dated in the future is refused, and the message sits next to the date.
    await officer.getByLabel('Số quyết định').fill('17/QĐ-UBND');
    await officer.getByLabel('Ngày ký').fill('2099-01-01');
    await officer.getByRole('button', { name: 'Ghi quyết định' }).click();
    await eventually(officer.locator('.field-invalid'), (text) =>
      text.includes('không thể ở tương lai'),
    );
    await officer.getByLabel('Ngày ký').fill('2020-12-15');
    await officer.getByRole('button', { name: 'Ghi quyết định' }).click();
    await eventually(officer.locator('.notice-success').first(), (text) =>
      text.includes('Đã công nhận theo quyết định số 17/QĐ-UBND ngày 15/12/2020'),
    );

    const after = await progress('HUONG_THUY', 2020);
    expect(after.total.family.recognised).toBe(before.total.family.recognised + 1);
    const viewer = await open('lanhdao.huongthuy');
    await eventually(
      viewer.getByTestId('recognised-family'),
      (text) => text === formatNumberVi(after.total.family.recognised),
    );
    expect(await viewer.getByTestId('percent-family').textContent()).toBe(
      percentText(after.total.family.percentOfTotal),
    );
  });

  it('registers a household from the workspace, with the objection next to the field', async () => {
    const existing = (
      (
        await t
          .http()
          .get('/api/worklist?area=HT_PHU_BAI&year=2020&kind=family&pageSize=1')
          .expect(200)
      ).body as { items: { code: string }[] }
    ).items[0].code;
    const page = await open('canbo.phubai');
    await page.getByRole('link', { name: '+ Thêm hộ gia đình' }).click();
    // The form is a chunk of its own: wait for it, or "Mã" could find the list's search box.
    await page.getByRole('heading', { name: 'Thêm hộ gia đình' }).waitFor();
    await page.getByLabel('Mã', { exact: true }).fill(existing);
    await page.getByLabel('Họ tên chủ hộ').fill('Hoàng Thị Mai');
    await page.getByLabel('Thôn, tổ dân phố').selectOption('HT_PHU_BAI_T03');
    await page.getByLabel('Số nhân khẩu').fill('5');
    await page.getByRole('button', { name: 'Lưu' }).click();
    await eventually(page.locator('.field-invalid'), (text) =>
      text.includes(`Đã có hộ gia đình mang mã "${existing}"`),
    );
    await page.getByLabel('Hoạt động từ ngày').fill('2016-01-01');
    await page.getByLabel('Mã', { exact: true }).fill('HT_PHU_BAI_T03_H9001');
    await page.getByRole('button', { name: 'Lưu' }).click();
    await page.waitForURL(/\/xa\/HT_PHU_BAI/);
    const saved = (await t.http().get('/api/households/HT_PHU_BAI_T03_H9001').expect(200)).body;
    expect(saved).toMatchObject({
      headName: 'Hoàng Thị Mai',
      members: 5,
      hamlet: { code: 'HT_PHU_BAI_T03' },
      activeFrom: '2016-01-01',
    });
    await page.getByLabel('Tìm theo tên hoặc mã').fill('hoang thi mai');
    await eventually(page.getByTestId('worklist').locator('tbody'), (text) =>
      text.includes('HT_PHU_BAI_T03_H9001'),
    );
  });

  it('lets the administrator add an account with its scope chosen from the area tree', async () => {
    const page = await open('admin', TEST_PASSWORD);
    await page.waitForURL(/tong-quan/);
    await page.goto(`${base}/quan-tri`);
    const form = page.getByRole('form', { name: 'Thêm tài khoản' });
    await form.getByRole('heading', { name: 'Thêm tài khoản' }).waitFor();
    await form.getByLabel('Tên đăng nhập').fill('canbo.thuychau');
    await form.getByLabel('Họ tên').fill('Cán bộ xã Thủy Châu');
    await form.getByLabel('Mật khẩu ban đầu').fill('ngan');
    await form.getByLabel('Vai trò').selectOption('officer');
    await form.getByLabel('Tỉnh, thành phố').selectOption('TT_HUE');
    await form.getByLabel('Thuộc tỉnh Thừa Thiên Huế').selectOption('HUONG_THUY');
    await form.getByLabel('Thuộc thị xã Hương Thủy').selectOption('HT_THUY_CHAU');
    await eventually(form.getByTestId('scope-chosen'), (text) =>
      text.includes('tỉnh Thừa Thiên Huế › thị xã Hương Thủy › phường Thủy Châu'),
    );
    await screenshot(page, 'account-scope-picker');
    await form.getByRole('button', { name: 'Tạo tài khoản' }).click();
    await eventually(form.locator('.notice-error'), (text) => text.includes('ít nhất 10 ký tự'));
    await form.getByLabel('Mật khẩu ban đầu').fill('mat-khau-thuy-chau');
    await form.getByRole('button', { name: 'Tạo tài khoản' }).click();
    await eventually(page.getByTestId('users'), (text) => text.includes('canbo.thuychau'));

    // The first sign-in asks for a password of the officer's own before anything else.
    const officer = await open('canbo.thuychau', 'mat-khau-thuy-chau');
    await officer.getByRole('heading', { name: 'Đổi mật khẩu được cấp' }).waitFor();
    await officer.getByLabel('Mật khẩu đang dùng').fill('mat-khau-thuy-chau');
    await officer.getByLabel('Mật khẩu mới', { exact: true }).fill('mat-khau-rieng-cua-toi');
    await officer.getByLabel('Nhập lại mật khẩu mới').fill('mat-khau-rieng-cua-toi');
    await officer.getByRole('button', { name: 'Đổi mật khẩu' }).click();
    await officer.waitForURL(/\/xa\/HT_THUY_CHAU/);

    // A new password, shown once, ends the officer's session; then the account is locked.
    await page.getByRole('button', { name: 'Quản lý canbo.thuychau' }).click();
    const account = page.getByRole('region', { name: 'Tài khoản canbo.thuychau' });
    await account.getByRole('button', { name: 'Cấp mật khẩu mới' }).click();
    const issued = await eventually(account.getByTestId('issued-password'), (text) =>
      /^[A-Za-z0-9_-]{20}$/.test(text),
    );
    await account.getByLabel('Lý do khóa').fill('Chuyển công tác');
    await account.getByRole('button', { name: 'Khóa tài khoản' }).click();
    await eventually(page.getByTestId('users'), (text) => text.includes('đã khóa'));
    await screenshot(page, 'account-management');
    expect(issued).toHaveLength(20);
    await officer.reload();
    await officer.getByLabel('Tên đăng nhập').waitFor();
  });

  it('imports a filled template from the workspace: check first, then all at once', async () => {
    const page = await open('canbo.phubai');
    await page.getByRole('link', { name: 'Nhập từ Excel' }).click();
    await page.getByRole('heading', { name: 'Nhập từ Excel' }).waitFor();
    await page.getByLabel('Nội dung').selectOption('clans');
    const [template] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Tải mẫu Excel' }).click(),
    ]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(await template.path());
    const sheet = workbook.getWorksheet('Dữ liệu') as ExcelJS.Worksheet;
    sheet.spliceRows(2, sheet.rowCount);
    sheet.addRow(['WEB_DH1', 'Họ Võ Văn', 'Võ Văn Trưởng']);
    sheet.addRow(['WEB_DH2', '', null]);
    const withProblem = Buffer.from(await workbook.xlsx.writeBuffer());
    const mimeType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    await page
      .getByLabel('Tệp Excel đã điền (.xlsx, tối đa 20 MB)')
      .setInputFiles({ name: 'dong-ho.xlsx', mimeType, buffer: withProblem });
    await page.getByRole('button', { name: 'Kiểm tra (chưa ghi gì)' }).click();
    const problems = await eventually(page.getByTestId('import-problems'), (text) =>
      text.includes('Thiếu Tên dòng họ'),
    );
    expect(problems).toContain('B (Tên dòng họ)');
    expect(await page.getByRole('button', { name: /^Nhập \d/ }).count()).toBe(0);
    await screenshot(page, 'import-problems');

    sheet.spliceRows(3, 1);
    const valid = Buffer.from(await workbook.xlsx.writeBuffer());
    await page
      .getByLabel('Tệp Excel đã điền (.xlsx, tối đa 20 MB)')
      .setInputFiles({ name: 'dong-ho.xlsx', mimeType, buffer: valid });
    await page.getByRole('button', { name: 'Kiểm tra (chưa ghi gì)' }).click();
    await eventually(page.getByTestId('import-counts'), (text) => text.includes('1 thêm mới'));
    await t.http().get('/api/clans/WEB_DH1').expect(404);
    await page.getByRole('button', { name: 'Nhập 1 thay đổi' }).click();
    await eventually(page.locator('.notice-success').last(), (text) => text.includes('Đã nhập'));
    expect((await t.http().get('/api/clans/WEB_DH1').expect(200)).body).toMatchObject({
      name: 'Họ Võ Văn',
      headName: 'Võ Văn Trưởng',
    });
  });

  it('downloads the summary workbook from the dashboard', async () => {
    const page = await open('lanhdao.huongthuy');
    await page.getByTestId('percent-family').waitFor();
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Tải báo cáo tổng hợp (Excel)' }).click(),
    ]);
    expect(file.suggestedFilename()).toMatch(/\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(await file.path());
    expect(workbook.worksheets.length).toBeGreaterThan(1);
    const expected = await progress('HUONG_THUY', 2020);
    const cells: unknown[] = [];
    // The total row holds formulas; exceljs reads back the values cached with them.
    workbook.worksheets[0].eachRow((row) =>
      row.eachCell((cell) =>
        cells.push(
          cell.value !== null && typeof cell.value === 'object' && 'result' in cell.value
            ? cell.value.result
            : cell.value,
        ),
      ),
    );
    expect(cells).toContain(expected.total.family.total);
  });
});
