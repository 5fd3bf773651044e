import { describe, expect, it } from 'vitest';
import type { DigestStore } from '../../../src/core/newsletter/ports.js';
import { createSentRecorder } from '../../../src/core/newsletter/sent-recorder.js';

type Group = Parameters<DigestStore['markSentMany']>[0];

/** A store whose writes complete only when the test says so; records every group it was given. */
function gatedStore(answer: (group: Group) => string[] | Error = (g) => g.sent.map((s) => s.id)) {
  const groups: Group[] = [];
  const gates: Array<() => void> = [];
  return {
    groups,
    /** Lets the oldest waiting write finish. */
    open: async () => {
      gates.shift()?.();
      await new Promise((r) => setImmediate(r));
    },
    store: {
      markSentMany: (group: Group) => {
        groups.push(group);
        return new Promise<string[]>((resolve, reject) => {
          gates.push(() => {
            const result = answer(group);
            if (result instanceof Error) reject(result);
            else resolve(result);
          });
        });
      },
    },
  };
}

const sent = (id: string) => ({
  id,
  messageId: `<${id}@example.com>`,
  sentAt: new Date('2026-11-24T09:00:00Z'),
});

describe('createSentRecorder (group commit of sent statuses)', () => {
  it('writes a lone outcome at once and the ones that arrive meanwhile together in the next write', async () => {
    const fake = gatedStore();
    const recorder = createSentRecorder(fake.store, 'w1');
    const first = recorder.record(sent('a'));
    const rest = ['b', 'c', 'd'].map((id) => recorder.record(sent(id)));
    expect(fake.groups.map((g) => g.sent.map((s) => s.id))).toEqual([['a']]);
    await fake.open();
    expect(await first).toBe(true);
    expect(fake.groups.map((g) => g.sent.map((s) => s.id))).toEqual([['a'], ['b', 'c', 'd']]);
    await fake.open();
    expect(await Promise.all(rest)).toEqual([true, true, true]);
    expect(fake.groups.every((g) => g.worker === 'w1')).toBe(true);
  });

  it('answers false for a row whose claim was lost, true for the others of its group', async () => {
    const fake = gatedStore((g) => g.sent.map((s) => s.id).filter((id) => id !== 'lost'));
    const recorder = createSentRecorder(fake.store, 'w1');
    const results = Promise.all(['ok', 'lost'].map((id) => recorder.record(sent(id))));
    await fake.open();
    await fake.open();
    expect(await results).toEqual([true, false]);
  });

  it('caps a group at maxGroup and writes the rest in the next one', async () => {
    const fake = gatedStore();
    const recorder = createSentRecorder(fake.store, 'w1', 2);
    const all = Promise.all(['a', 'b', 'c', 'd', 'e'].map((id) => recorder.record(sent(id))));
    for (let i = 0; i < 4; i++) await fake.open();
    expect(await all).toEqual([true, true, true, true, true]);
    expect(fake.groups.map((g) => g.sent.length)).toEqual([1, 2, 2]);
  });

  it('rejects every caller of a failed write, and the next group is still written', async () => {
    let calls = 0;
    const fake = gatedStore((g) => (++calls === 2 ? new Error('connection reset') : g.sent.map((s) => s.id)));
    const recorder = createSentRecorder(fake.store, 'w1');
    const first = recorder.record(sent('a'));
    const failing = [recorder.record(sent('b')), recorder.record(sent('c'))].map((p) =>
      p.then(
        () => 'recorded',
        (error: Error) => error.message,
      ),
    );
    await fake.open();
    expect(await first).toBe(true);
    const later = recorder.record(sent('d'));
    await fake.open();
    expect(await Promise.all(failing)).toEqual(['connection reset', 'connection reset']);
    await fake.open();
    expect(await later).toBe(true);
    expect(fake.groups.map((g) => g.sent.map((s) => s.id))).toEqual([['a'], ['b', 'c'], ['d']]);
  });
});
