import { hash } from '@node-rs/argon2';
import type { DataSource } from 'typeorm';

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
  let created = 0;
  for (const user of DEMO_USERS) {
    const rows: unknown[] = await dataSource.query(
      `INSERT INTO users (username, display_name, password_hash, role, scope_area_id)
       SELECT $1, $2, $3, $4, a.id FROM areas a WHERE a.code = $5
       ON CONFLICT (username) DO NOTHING RETURNING id`,
      [user.username, user.displayName, passwordHash, user.role, user.scope],
    );
    created += rows.length;
  }
  log(`Tài khoản mẫu: ${created} mới (${DEMO_USERS.map((user) => user.username).join(', ')})`);
}
