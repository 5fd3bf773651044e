import { expect, it } from 'vitest';
import { createRawSql } from '../../../src/adapters/db/raw-sql.js';
import { describeEachDatabase, useTestDatabase } from '../../setup/test-database.js';

describeEachDatabase('raw SQL straight to the driver', (kind) => {
  const db = useTestDatabase(kind);

  it('reads what Prisma wrote, with dates sent as UTC and arrays and numbers typed as Prisma types them', async () => {
    const shownAt = new Date('2026-12-01T23:30:00.123Z');
    await db().sql.query(
      `INSERT INTO "PracticeShown" (id, learner, "itemId", "shownAt") VALUES ($1, $2, $3, $4::timestamp(3))`,
      ['raw-1', 'web:raw', 'rag~1', shownAt],
    );
    // Written by the driver, read back by Prisma: the same instant, not shifted by a local zone.
    expect((await db().prisma.practiceShown.findUnique({ where: { id: 'raw-1' } }))?.shownAt).toEqual(
      shownAt,
    );

    const query = `SELECT array_agg("itemId") AS ids, (extract(epoch FROM max("shownAt")) * 1000)::float8 AS ms
                   FROM "PracticeShown" WHERE learner = $1`;
    const direct = await db().sql.query<{ ids: string[]; ms: number }>(query, ['web:raw']);
    const throughPrisma = await createRawSql(db().prisma).query<{ ids: string[]; ms: number }>(query, [
      'web:raw',
    ]);
    expect(direct).toEqual([{ ids: ['rag~1'], ms: shownAt.getTime() }]);
    expect(throughPrisma).toEqual(direct);
  });

  if (kind === 'postgres') {
    it('survives the server dropping its idle connections, and the next statement reconnects', async () => {
      // A connection of its own, so the backend this test terminates is one only it uses.
      const other = await db().reopen();
      try {
        expect(await other.sql.query('SELECT 1 AS one', [])).toEqual([{ one: 1 }]);
        const [mine] = await other.sql.query<{ pid: number }>('SELECT pg_backend_pid() AS pid', []);
        await db().prisma.$queryRawUnsafe('SELECT pg_terminate_backend($1::int)', mine!.pid);
        // The dropped connection is discarded (an 'error' event on the pool, not a crash); a
        // statement that raced onto it fails, and the next one gets a fresh connection.
        await expect
          .poll(async () => (await other.sql.query('SELECT 1 AS one', []).catch(() => null)) ?? 'retry')
          .toEqual([{ one: 1 }]);
        const [again] = await other.sql.query<{ pid: number }>('SELECT pg_backend_pid() AS pid', []);
        expect(again!.pid).not.toBe(mine!.pid);
      } finally {
        await other.close();
      }
    });
  }

  it('reports a bad statement as an error naming what is wrong', async () => {
    await expect(db().sql.query('SELECT * FROM "NoSuchTable"', [])).rejects.toThrow(/NoSuchTable/);
  });
});
