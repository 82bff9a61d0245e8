import type { Db } from '@app/database';
import { Factories, uniqueCode } from '../support/factories.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

/** A promise the other transaction waits on, opened when this one reaches a point. */
function gate(): { open: () => void; passed: Promise<void> } {
  let open!: () => void;
  const passed = new Promise<void>((resolve) => (open = resolve));
  return { open, passed };
}

describe('Db', () => {
  let database: TestDatabase;
  let db: Db;
  let make: Factories;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = database.db;
    make = new Factories(db);
  });

  afterAll(() => database.close());

  const existing = async (codes: string[]): Promise<string[]> =>
    (
      await db.rows<{ code: string }>('SELECT code FROM areas WHERE code = ANY($1) ORDER BY code', [
        codes,
      ])
    ).map((row) => row.code);

  const txid = async (): Promise<string> =>
    (await db.one<{ txid: string }>('SELECT txid_current()::text AS txid'))!.txid;

  it('commits the writes of a transaction together', async () => {
    const codes = [uniqueCode('commit'), uniqueCode('commit')];
    await db.transactional(async () => {
      for (const code of codes) await make.area('province', { code });
    });
    expect(await existing(codes)).toEqual([...codes].sort());
  });

  it('rolls both writes back when the work throws after them', async () => {
    const codes = [uniqueCode('rollback'), uniqueCode('rollback')];
    await expect(
      db.transactional(async () => {
        for (const code of codes) await make.area('province', { code });
        expect(await existing(codes)).toHaveLength(2);
        throw new Error('after two writes');
      }),
    ).rejects.toThrow('after two writes');
    expect(await existing(codes)).toEqual([]);
  });

  it('joins a nested transaction to the outer one, so the outer rollback undoes it', async () => {
    const [outerCode, innerCode] = [uniqueCode('outer'), uniqueCode('inner')];
    let ids: string[] = [];
    await expect(
      db.transactional(async () => {
        await make.area('province', { code: outerCode });
        const inner = await db.transactional(async () => {
          await make.area('province', { code: innerCode });
          return txid();
        });
        ids = [await txid(), inner];
        throw new Error('outer fails after the inner one returned');
      }),
    ).rejects.toThrow('outer fails');
    expect(ids[0]).toBe(ids[1]);
    expect(await existing([outerCode, innerCode])).toEqual([]);
  });

  it('runs every statement inside on the transaction’s connection, and outside on its own', async () => {
    const inside = await db.transactional(async () => {
      expect(db.inTransaction).toBe(true);
      const viaRows = await txid();
      await db.affected('UPDATE areas SET note = note WHERE false');
      return [viaRows, await txid()];
    });
    expect(inside[0]).toBe(inside[1]);
    expect(db.inTransaction).toBe(false);
    expect(await txid()).not.toBe(await txid());
  });

  it('counts the rows an UPDATE or DELETE touched', async () => {
    const [first, second, locked] = [
      await make.area('province'),
      await make.area('province'),
      await make.area('province'),
    ];
    expect(
      await db.affected('UPDATE areas SET note = $2 WHERE code = ANY($1)', [
        [first.code, second.code],
        'đã đếm',
      ]),
    ).toBe(2);
    expect(await db.affected(`UPDATE areas SET note = 'x' WHERE code = $1`, ['no-such'])).toBe(0);
    await make.yearLock(locked, 2019);
    await make.yearLock(locked, 2020);
    expect(await db.affected('DELETE FROM year_locks WHERE area_id = $1', [locked.id])).toBe(2);
  });

  it('streams the rows of a statement in order', async () => {
    const rows: { n: number }[] = [];
    for await (const row of db.stream<{ n: number }>(
      'SELECT n FROM generate_series(1, $1::int) AS n',
      [250],
    ))
      rows.push(row);
    expect(rows).toHaveLength(250);
    expect(rows[0]).toEqual({ n: 1 });
    expect(rows[249]).toEqual({ n: 250 });
  });

  it('gives the connection of a stream back when the reader stops early', async () => {
    // More early exits than the pool holds: a leaked connection would leave the last query waiting.
    for (let i = 0; i < 6; i++) {
      for await (const row of db.stream<{ n: number }>('SELECT generate_series(1, 1000) AS n')) {
        expect(row.n).toBe(1);
        break;
      }
    }
    expect(await db.one('SELECT 1 AS one')).toEqual({ one: 1 });
  }, 10000);

  it('keeps two interleaved transactions apart: each sees its own writes and rolls back alone', async () => {
    const [firstCode, secondCode] = [uniqueCode('first'), uniqueCode('second')];
    const firstWrote = gate();
    const secondWrote = gate();
    const ids: Record<'first' | 'second', string> = { first: '', second: '' };
    let secondSaw: string[] = [];
    const first = db.transactional(async () => {
      await make.area('province', { code: firstCode });
      firstWrote.open();
      await secondWrote.passed;
      ids.first = await txid();
      throw new Error('the first rolls back');
    });
    const second = db.transactional(async () => {
      await firstWrote.passed;
      await make.area('province', { code: secondCode });
      secondWrote.open();
      ids.second = await txid();
      secondSaw = await existing([firstCode, secondCode]);
    });
    const [firstEnded, secondEnded] = await Promise.allSettled([first, second]);
    expect(firstEnded).toMatchObject({
      status: 'rejected',
      reason: { message: 'the first rolls back' },
    });
    expect(secondEnded.status).toBe('fulfilled');
    expect(ids.first).not.toBe(ids.second);
    expect(secondSaw).toEqual([secondCode]);
    expect(await existing([firstCode, secondCode])).toEqual([secondCode]);
  });
});
