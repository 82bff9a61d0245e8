import request from 'supertest';
import { UsersService } from '@app/api/users/users.service.js';
import { createTestApp, TEST_PASSWORD, type TestAgent, type TestApp } from './support/test-app.js';

interface UserBody {
  username: string;
  role: string;
  scopeAreaCode: string | null;
  active: boolean;
  mustChangePassword: boolean;
}

type Server = Parameters<typeof request>[0];

function signIn(server: Server, username: string, password: string) {
  return request(server).post('/api/auth/login').send({ username, password });
}

/** Requests carrying one token, to see when the server stops honouring it. */
function withToken(server: Server, token: string) {
  return {
    get: (path: string) => request(server).get(path).set('Authorization', `Bearer ${token}`),
    post: (path: string) => request(server).post(path).set('Authorization', `Bearer ${token}`),
    put: (path: string) => request(server).put(path).set('Authorization', `Bearer ${token}`),
  };
}

async function tokenOf(server: Server, username: string, password = TEST_PASSWORD) {
  const login = await signIn(server, username, password).expect(200);
  return (login.body as { accessToken: string }).accessToken;
}

describe('accounts people can manage', () => {
  let t: TestApp;
  let server: Server;
  let wardAdmin: TestAgent;

  beforeAll(async () => {
    t = await createTestApp();
    server = t.app.getHttpServer() as Server;
    wardAdmin = await t.userAgent({
      username: 'quantri.phubai',
      role: 'admin',
      scopeAreaCode: 'HT_PHU_BAI',
    });
    await t.userAgent({
      username: 'canbo.thuychau',
      role: 'officer',
      scopeAreaCode: 'HT_THUY_CHAU',
    });
  });

  afterAll(() => t.close());

  describe('no account grants more than its holder has', () => {
    const account = (overrides: object) => ({
      username: 'moi.tao',
      displayName: 'Người Mới Tạo',
      password: 'mat-khau-ban-dau',
      role: 'officer',
      scopeAreaCode: 'HT_PHU_BAI_T01',
      ...overrides,
    });

    it('refuses a ward administrator a national account, another commune, or its own rights', async () => {
      for (const [overrides, field] of [
        [{ role: 'admin', scopeAreaCode: undefined }, 'scopeAreaCode'],
        [{ scopeAreaCode: 'HT_THUY_CHAU' }, 'scopeAreaCode'],
        [{ scopeAreaCode: 'HUONG_THUY' }, 'scopeAreaCode'],
      ] as const) {
        const refused = await wardAdmin.post('/api/users').send(account(overrides)).expect(403);
        expect(refused.body).toMatchObject({
          code: 'SCOPE_EXCEEDS_OWN',
          details: [expect.objectContaining({ field })],
        });
      }
      const own = await wardAdmin
        .patch('/api/users/quantri.phubai')
        .send({ scopeAreaCode: 'HUONG_THUY' })
        .expect(403);
      expect(own.body.code).toBe('SCOPE_EXCEEDS_OWN');
      const self = await wardAdmin
        .patch('/api/users/quantri.phubai')
        .send({ role: 'viewer' })
        .expect(403);
      expect(self.body.code).toBe('OWN_ACCOUNT');
      const users = await t.owner.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM users WHERE username = 'moi.tao' OR scope_area_id IS NULL`,
      );
      expect(users[0].n).toBe(1);
    });

    it('lets a ward administrator manage the accounts under its ward, and only those', async () => {
      const created = await wardAdmin.post('/api/users').send(account({})).expect(201);
      expect(created.body).toMatchObject({
        username: 'moi.tao',
        scopeAreaCode: 'HT_PHU_BAI_T01',
        scope: { code: 'HT_PHU_BAI_T01', typeLabel: expect.any(String) },
        mustChangePassword: true,
      });
      const listed = await wardAdmin.get('/api/users').expect(200);
      expect((listed.body.items as UserBody[]).map((user) => user.username).sort()).toEqual([
        'moi.tao',
        'quantri.phubai',
      ]);
      expect(listed.body.total).toBe(2);
      // Accounts outside the ward answer as unknown ones do, whatever is asked of them.
      for (const username of ['admin', 'canbo.thuychau']) {
        const hidden = await wardAdmin.get(`/api/users/${username}`).expect(404);
        const unknown = await wardAdmin.get('/api/users/khong.co.ai').expect(404);
        expect(hidden.body.code).toBe(unknown.body.code);
        await wardAdmin.patch(`/api/users/${username}`).send({ displayName: 'X Y' }).expect(404);
        await wardAdmin.post(`/api/users/${username}/password-reset`).expect(404);
        await wardAdmin
          .post(`/api/users/${username}/deactivation`)
          .send({ reason: 'Thử chiếm quyền' })
          .expect(404);
      }
      const national = await t.http().get('/api/users?q=nguoi moi').expect(200);
      expect((national.body.items as UserBody[]).map((user) => user.username)).toEqual(['moi.tao']);
      // An account of the ward moves within it only; locking and unlocking it is the ward's.
      const moved = await wardAdmin
        .patch('/api/users/moi.tao')
        .send({ scopeAreaCode: 'HT_PHU_BAI_T02' })
        .expect(200);
      expect(moved.body.scope.code).toBe('HT_PHU_BAI_T02');
      const away = await wardAdmin
        .patch('/api/users/moi.tao')
        .send({ scopeAreaCode: 'HT_THUY_CHAU_T01' })
        .expect(403);
      expect(away.body.code).toBe('SCOPE_EXCEEDS_OWN');
      await wardAdmin
        .post('/api/users/moi.tao/deactivation')
        .send({ reason: 'Nghỉ phép' })
        .expect(200);
      await wardAdmin.post('/api/users/moi.tao/reactivation').expect(200);
      const missing = await wardAdmin
        .patch('/api/users/moi.tao')
        .send({ scopeAreaCode: 'KHONG_CO' })
        .expect(404);
      expect(missing.body.code).toBe('AREA_NOT_FOUND');
    });

    it('keeps criteria sets and target plans within the administrator’s scope too', async () => {
      const plan = await wardAdmin.put('/api/targets').send({
        code: 'QD_281_2014',
        name: 'Chỉ tiêu bị ghi đè',
        milestoneYear: 2020,
        values: [{ variant: 'standard', kind: 'family', floor: 1 }],
      });
      expect([plan.status, plan.body.code]).toEqual([403, 'OUT_OF_SCOPE']);
      const own = await wardAdmin.put('/api/targets').send({
        code: 'PB_2020',
        name: 'Chỉ tiêu phường Phú Bài',
        scopeAreaCode: 'HT_PHU_BAI',
        milestoneYear: 2020,
        values: [{ variant: 'standard', kind: 'family', floor: 85 }],
      });
      expect(own.status).toBeLessThan(300);
    });
  });

  describe('tokens end when the account changes', () => {
    it('ends the sessions of a deactivated account, an officer turned viewer and a reset password', async () => {
      for (const username of ['doi.vai', 'bi.khoa', 'dat.lai']) {
        await t.userAgent({ username, role: 'officer', scopeAreaCode: 'HT_PHU_BAI' });
      }
      const tokens = Object.fromEntries(
        await Promise.all(
          ['doi.vai', 'bi.khoa', 'dat.lai'].map(async (u) => [u, await tokenOf(server, u)]),
        ),
      ) as Record<string, string>;
      const write = (token: string) =>
        withToken(server, token)
          .post('/api/households')
          .send({
            code: `HH_${token.slice(-6)}`,
            headName: 'Lê Văn Ghi',
            hamletCode: 'HT_PHU_BAI_T01',
            members: 2,
          });
      // A change of display name alone leaves the sessions as they are.
      await wardAdmin.patch('/api/users/doi.vai').send({ displayName: 'Đổi Tên' }).expect(200);
      await withToken(server, tokens['doi.vai']).get('/api/auth/me').expect(200);

      await wardAdmin.patch('/api/users/doi.vai').send({ role: 'viewer' }).expect(200);
      await wardAdmin
        .post('/api/users/bi.khoa/deactivation')
        .send({ reason: 'Nghỉ công tác' })
        .expect(200);
      const reset = await wardAdmin.post('/api/users/dat.lai/password-reset').expect(200);
      expect(reset.body.temporaryPassword).toMatch(/^[A-Za-z0-9_-]{20}$/);
      for (const token of Object.values(tokens)) {
        const refused = await write(token).expect(401);
        expect(refused.body.message).toMatch(/tài khoản vừa thay đổi/);
      }
      await signIn(server, 'bi.khoa', TEST_PASSWORD).expect(401);
      // Signed in again, the officer turned viewer reads but no longer writes.
      const viewer = withToken(server, await tokenOf(server, 'doi.vai'));
      await viewer.get('/api/households').expect(200);
      await viewer
        .post('/api/households')
        .send({
          code: 'HH_VIEWER',
          headName: 'Lê Văn Xem',
          hamletCode: 'HT_PHU_BAI_T01',
          members: 2,
        })
        .expect(403);
      await wardAdmin.post('/api/users/bi.khoa/reactivation').expect(200);
      await signIn(server, 'bi.khoa', TEST_PASSWORD).expect(200);
    });

    it('asks for a new password after a reset before anything else, and ends the other sessions', async () => {
      await t.userAgent({
        username: 'quen.mat.khau',
        role: 'officer',
        scopeAreaCode: 'HT_PHU_BAI',
      });
      const other = await tokenOf(server, 'quen.mat.khau');
      const { temporaryPassword } = (
        await wardAdmin.post('/api/users/quen.mat.khau/password-reset').expect(200)
      ).body as { temporaryPassword: string };
      const login = await signIn(server, 'quen.mat.khau', temporaryPassword).expect(200);
      expect(login.body.user.mustChangePassword).toBe(true);
      const session = withToken(server, login.body.accessToken as string);
      const blocked = await session.get('/api/households').expect(403);
      expect(blocked.body.code).toBe('PASSWORD_CHANGE_REQUIRED');
      await session.get('/api/auth/me').expect(200);
      const weak = await session
        .post('/api/auth/password')
        .send({ currentPassword: temporaryPassword, newPassword: 'ngan' })
        .expect(400);
      expect(weak.body.details).toEqual([expect.objectContaining({ field: 'newPassword' })]);
      const wrong = await session
        .post('/api/auth/password')
        .send({ currentPassword: 'khong-dung-dau', newPassword: 'mat-khau-moi-cua-toi' })
        .expect(400);
      expect(wrong.body.details).toEqual([expect.objectContaining({ field: 'currentPassword' })]);
      const changed = await session
        .post('/api/auth/password')
        .send({ currentPassword: temporaryPassword, newPassword: 'mat-khau-moi-cua-toi' })
        .expect(200);
      expect(changed.body.user.mustChangePassword).toBe(false);
      await withToken(server, changed.body.accessToken as string)
        .get('/api/households')
        .expect(200);
      await session.get('/api/auth/me').expect(401);
      await withToken(server, other).get('/api/auth/me').expect(401);
      await signIn(server, 'quen.mat.khau', temporaryPassword).expect(401);
      await signIn(server, 'quen.mat.khau', 'mat-khau-moi-cua-toi').expect(200);
    });

    it('lets nobody change their own role or state, so a national administrator always remains', async () => {
      const self = await t.http().post('/api/users/admin/deactivation').send({ reason: 'Thử' });
      expect([self.status, self.body.code]).toEqual([403, 'OWN_ACCOUNT']);
      const national = await t.userAgent({ username: 'quantri.thu.hai', role: 'admin' });
      const last = await national
        .patch('/api/users/admin')
        .send({ role: 'viewer', scopeAreaCode: 'HUONG_THUY' });
      // Two national administrators: one may demote the other.
      expect(last.status).toBe(200);
      const refused = await national
        .post('/api/users/quantri.thu.hai/deactivation')
        .send({ reason: 'Tự khóa' })
        .expect(403);
      expect(refused.body.code).toBe('OWN_ACCOUNT');
      await national
        .patch('/api/users/admin')
        .send({ role: 'admin', scopeAreaCode: null })
        .expect(200);
    });

    it('makes the first administrator with a generated password change it at first sign-in', async () => {
      // Nobody left to administer (only the database can get there): a start restores `admin`.
      await t.owner.query(
        `UPDATE users SET active = false WHERE role = 'admin' AND scope_area_id IS NULL`,
      );
      const restored = await t.app.get(UsersService).ensureAdmin(undefined);
      expect(restored.generated).toMatch(/^[A-Za-z0-9_-]{20}$/);
      await signIn(server, 'admin', TEST_PASSWORD).expect(401);
      const login = await signIn(server, 'admin', restored.generated as string).expect(200);
      expect(login.body.user).toMatchObject({ role: 'admin', mustChangePassword: true });
      const session = withToken(server, login.body.accessToken as string);
      expect((await session.get('/api/users').expect(403)).body.code).toBe(
        'PASSWORD_CHANGE_REQUIRED',
      );
      expect(await t.app.get(UsersService).ensureAdmin(undefined)).toEqual({ created: false });
    });
  });
});

describe('sign-in limits that do not lock out an office', () => {
  let t: TestApp;
  let server: Server;

  beforeAll(async () => {
    t = await createTestApp();
    server = t.app.getHttpServer() as Server;
    for (const username of ['vanphong.mot', 'vanphong.hai', 'vanphong.ba']) {
      await t.userAgent({ username, role: 'viewer', scopeAreaCode: 'HT_PHU_BAI' });
    }
  });

  afterAll(() => t.close());

  it('counts failures only: a shared office signs in correctly as often as it needs', async () => {
    for (let attempt = 0; attempt < 30; attempt++) {
      await signIn(server, 'vanphong.mot', TEST_PASSWORD).expect(200);
    }
  });

  it('stops an account after ten failures, with the wait in words that match Retry-After', async () => {
    for (let attempt = 0; attempt < 10; attempt++) {
      await signIn(server, 'vanphong.hai', 'sai-mat-khau').expect(401);
    }
    const blocked = await signIn(server, 'vanphong.hai', TEST_PASSWORD).expect(429);
    const seconds = Number(blocked.headers['retry-after']);
    expect(seconds).toBeGreaterThan(14 * 60);
    expect(seconds).toBeLessThanOrEqual(15 * 60);
    expect(blocked.body).toMatchObject({
      code: 'TOO_MANY_ATTEMPTS',
      message: `Đăng nhập sai quá nhiều lần với tài khoản này; hãy thử lại sau ${Math.ceil(seconds / 60)} phút`,
    });
    expect(blocked.body.message).not.toMatch(/không đúng/);
    // Colleagues at the same address carry on.
    await signIn(server, 'vanphong.ba', TEST_PASSWORD).expect(200);
  });

  it('stops an address after twenty failures, whichever accounts they name', async () => {
    const office = await createTestApp();
    try {
      const address = office.app.getHttpServer() as Server;
      for (let attempt = 0; attempt < 20; attempt++) {
        await signIn(address, `khong.co.${attempt % 5}`, 'sai-mat-khau').expect(401);
      }
      const blocked = await signIn(address, 'admin', TEST_PASSWORD).expect(429);
      expect(blocked.body.message).toBe(
        `Đăng nhập sai quá nhiều lần từ địa chỉ này; hãy thử lại sau ${Math.ceil(Number(blocked.headers['retry-after']) / 60)} phút`,
      );
    } finally {
      await office.close();
    }
  });
});
