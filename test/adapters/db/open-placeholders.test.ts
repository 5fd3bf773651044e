import { beforeEach, describe, expect, it } from 'vitest';
import { createPrismaOpenPlaceholders } from '../../../src/adapters/db/prisma-open-placeholders.js';
import { createMemoryOpenPlaceholders } from '../../../src/core/memory/memory-open-placeholders.js';
import type { Clock, OpenPlaceholders } from '../../../src/core/ports.js';
import { describeEachDatabase, useTestDatabase } from '../../setup/test-database.js';

/** The behaviour every {@link OpenPlaceholders} must have; `create` returns an empty store stamped by `clock`. */
function openPlaceholdersContract(create: (clock: Clock) => Promise<OpenPlaceholders>): void {
  let now: number;
  let store: OpenPlaceholders;
  const at = (iso: string) => {
    now = new Date(iso).getTime();
  };
  beforeEach(async () => {
    at('2026-11-30T10:00:00Z');
    store = await create({ now: () => new Date(now) });
  });
  const slack = (messageId: string, channel = 'C1') => ({ platform: 'slack' as const, channel, messageId });
  /** As takeStale returns it: without a kind, a placeholder is a posted message. */
  const taken = (messageId: string, channel = 'C1') => ({ ...slack(messageId, channel), kind: 'message' });

  it('takes only placeholders of the platform recorded before the cutoff, each once', async () => {
    await store.add(slack('1.1'));
    await store.add(slack('1.1'));
    await store.add({ platform: 'discord', channel: 'C1', messageId: '1.1' });
    at('2026-11-30T10:05:00Z');
    await store.add(slack('2.2'));
    const cutoff = new Date('2026-11-30T10:01:00Z');
    expect(await store.takeStale('slack', cutoff)).toEqual([taken('1.1')]);
    expect(await store.takeStale('slack', cutoff)).toEqual([]);
    expect(await store.takeStale('slack', new Date('2026-11-30T11:00:00Z'))).toEqual([taken('2.2')]);
  });

  it('forgets a placeholder once it is removed (the answer was shown)', async () => {
    await store.add(slack('1.1'));
    await store.add(slack('1.1', 'C2'));
    await store.remove(slack('1.1'));
    await store.remove(slack('9.9'));
    expect(await store.takeStale('slack', new Date('2026-12-01T00:00:00Z'))).toEqual([taken('1.1', 'C2')]);
  });

  it('keeps what kind of placeholder it is and the thread it is in (streams and statuses)', async () => {
    await store.add({ ...slack('1.1'), kind: 'stream', threadTs: '1.0' });
    await store.add({ ...slack('1.2'), kind: 'status', threadTs: '1.0' });
    const stale = await store.takeStale('slack', new Date('2026-12-01T00:00:00Z'));
    expect(stale.sort((a, b) => a.messageId.localeCompare(b.messageId))).toEqual([
      { ...slack('1.1'), kind: 'stream', threadTs: '1.0' },
      { ...slack('1.2'), kind: 'status', threadTs: '1.0' },
    ]);
  });

  it('hands each placeholder to one sweeper when several sweep at once', async () => {
    for (let i = 0; i < 5; i++) await store.add(slack(`1.${i}`));
    const cutoff = new Date('2026-12-01T00:00:00Z');
    const [a, b] = await Promise.all([store.takeStale('slack', cutoff), store.takeStale('slack', cutoff)]);
    expect([...a, ...b].map((p) => p.messageId).sort()).toEqual(['1.0', '1.1', '1.2', '1.3', '1.4']);
  });
}

describe('OpenPlaceholders [memory]', () => {
  openPlaceholdersContract(async (clock) => createMemoryOpenPlaceholders(clock));
});

describeEachDatabase('OpenPlaceholders [Prisma]', (kind) => {
  const db = useTestDatabase(kind);
  openPlaceholdersContract(async (clock) => {
    await db().prisma.openPlaceholder.deleteMany();
    return createPrismaOpenPlaceholders(db().prisma, { clock });
  });
});
