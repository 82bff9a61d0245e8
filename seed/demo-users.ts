import { hash } from '@node-rs/argon2';
import type { DataSource } from 'typeorm';
import { AreasRepository, Db, UsersRepository } from '@app/database';

/** Demo accounts, one per role below the administrator; the README lists them. Demo data only. */
export const DEMO_PASSWORD = 'hoc-tap-suot-doi';

export const DEMO_USERS = [
  {
    username: 'canbo.phubai',
    displayName: 'Cán bộ phường Phú Bài',
    role: 'officer',
    scope: 'HT_PHU_BAI',
  },
  {
    username: 'khuyenhoc.huongthuy',
    displayName: 'Hội Khuyến học thị xã Hương Thủy',
    role: 'reviewer',
    scope: 'HUONG_THUY',
  },
  {
    username: 'lanhdao.huongthuy',
    displayName: 'Lãnh đạo thị xã Hương Thủy',
    role: 'viewer',
    scope: 'HUONG_THUY',
  },
] as const;

export async function seedDemoUsers(
  dataSource: DataSource,
  log: (line: string) => void,
): Promise<void> {
  const passwordHash = await hash(DEMO_PASSWORD);
  const db = new Db(dataSource);
  const scopes = await new AreasRepository(db).idsByCode(DEMO_USERS.map((user) => user.scope));
  // An account whose scope area is missing is not created, as with no reference data.
  const created = await new UsersRepository(db).insertMissing(
    DEMO_USERS.filter((user) => scopes.has(user.scope)).map((user) => ({
      username: user.username,
      displayName: user.displayName,
      passwordHash,
      role: user.role,
      scopeAreaId: scopes.get(user.scope) as number,
    })),
  );
  log(`Tài khoản mẫu: ${created} mới (${DEMO_USERS.map((user) => user.username).join(', ')})`);
}
