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

  it('reports a bad statement as an error naming what is wrong', async () => {
    await expect(db().sql.query('SELECT * FROM "NoSuchTable"', [])).rejects.toThrow(/NoSuchTable/);
  });
});
