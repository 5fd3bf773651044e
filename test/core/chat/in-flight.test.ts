import { describe, expect, it } from 'vitest';
import { createInFlight } from '../../../src/core/chat/in-flight.js';
import { createFakeTimers } from '../../fakes/fake-timers.js';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('createInFlight', () => {
  it('drains at once when nothing runs', async () => {
    expect(await createInFlight({ timers: createFakeTimers() }).drain(1000)).toBe(true);
  });

  it('waits for running work, and for work it starts meanwhile, before it reports drained', async () => {
    const timers = createFakeTimers();
    const inFlight = createInFlight({ timers });
    const first = deferred();
    const second = deferred();
    void inFlight.run(async () => {
      await first.promise;
      void inFlight.run(() => second.promise);
    });
    expect(inFlight.size).toBe(1);
    let drained: boolean | undefined;
    const draining = inFlight.drain(30_000).then((d) => (drained = d));
    first.resolve();
    await new Promise((resolve) => setImmediate(resolve));
    expect(drained).toBeUndefined();
    second.resolve();
    await draining;
    expect(drained).toBe(true);
    expect(inFlight.size).toBe(0);
  });

  it('reports false when the budget runs out, and abort() reaches the work through its signal', async () => {
    const timers = createFakeTimers();
    const inFlight = createInFlight({ timers });
    const seen: string[] = [];
    const work = inFlight.run(
      (signal) =>
        new Promise<string>((resolve) => signal.addEventListener('abort', () => resolve('apologised'))),
    );
    const draining = inFlight.drain(30_000);
    timers.advance(30_000);
    expect(await draining).toBe(false);
    inFlight.abort();
    seen.push(await work);
    expect(seen).toEqual(['apologised']);
    expect(await inFlight.drain(1000)).toBe(true);
    // Work started after the abort sees an aborted signal at once.
    expect(await inFlight.run(async (signal) => signal.aborted)).toBe(true);
  });

  it('passes results and errors through unchanged', async () => {
    const inFlight = createInFlight({ timers: createFakeTimers() });
    expect(await inFlight.run(async () => 42)).toBe(42);
    await expect(inFlight.run(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(inFlight.size).toBe(0);
  });
});
