import { describe, expect, it } from 'vitest';
import { createThrottledDraft } from '../../../src/core/chat/throttled-draft.js';
import { createFakeTimers } from '../../fakes/fake-timers.js';

/** A platform stand-in whose edits the test completes by hand, recording what was shown. */
function recordingPlatform(options: { fail?: boolean } = {}) {
  const shown: string[] = [];
  const errors: unknown[] = [];
  let pendingEdit: (() => void) | null = null;
  let holdEdits = false;
  return {
    shown,
    errors,
    hold() {
      holdEdits = true;
    },
    release() {
      holdEdits = false;
      pendingEdit?.();
      pendingEdit = null;
    },
    show: async (text: string) => {
      if (options.fail) throw new Error('Missing Access');
      if (holdEdits) await new Promise<void>((resolve) => (pendingEdit = resolve));
      shown.push(text);
    },
    onError: (error: unknown) => void errors.push(error),
  };
}

const flushPromises = () => new Promise((resolve) => setImmediate(resolve));

describe('createThrottledDraft', () => {
  it('can show the first text sooner than the interval, then keeps the interval', async () => {
    const timers = createFakeTimers();
    const platform = recordingPlatform();
    const draft = createThrottledDraft({
      intervalMs: 1000,
      firstDelayMs: 200,
      render: (t) => t,
      ...platform,
      timers,
    });
    draft.offer('A');
    timers.advance(199);
    await flushPromises();
    expect(platform.shown).toEqual([]);
    timers.advance(1);
    await flushPromises();
    expect(platform.shown).toEqual(['A']);
    draft.offer('A token');
    timers.advance(999);
    await flushPromises();
    expect(platform.shown).toEqual(['A']);
    timers.advance(1);
    await flushPromises();
    expect(platform.shown).toEqual(['A', 'A token']);
  });

  it('shows the newest text at most once per interval', async () => {
    const timers = createFakeTimers();
    const platform = recordingPlatform();
    const draft = createThrottledDraft({ intervalMs: 1000, render: (t) => t, ...platform, timers });
    draft.offer('A');
    draft.offer('A token');
    timers.advance(999);
    await flushPromises();
    expect(platform.shown).toEqual([]);
    draft.offer('A token is');
    timers.advance(1);
    await flushPromises();
    expect(platform.shown).toEqual(['A token is']);
    draft.offer('A token is a piece');
    draft.offer('A token is a piece of a word');
    timers.advance(1000);
    await flushPromises();
    expect(platform.shown).toEqual(['A token is', 'A token is a piece of a word']);
    await draft.finish();
    expect(draft.shown).toBe(true);
  });

  it('skips text that renders to nothing', async () => {
    const timers = createFakeTimers();
    const platform = recordingPlatform();
    const draft = createThrottledDraft({
      intervalMs: 10,
      render: (t) => (t.trim() === '' ? null : t),
      ...platform,
      timers,
    });
    draft.offer('   ');
    timers.advance(10);
    await draft.finish();
    expect(platform.shown).toEqual([]);
    expect(draft.shown).toBe(false);
  });

  it('waits for an edit in flight on finish, and sends nothing after it, so no draft overwrites the answer', async () => {
    const timers = createFakeTimers();
    const platform = recordingPlatform();
    const draft = createThrottledDraft({ intervalMs: 10, render: (t) => t, ...platform, timers });
    platform.hold();
    draft.offer('partial');
    timers.advance(10);
    await flushPromises();
    draft.offer('partial, more');
    let finished = false;
    const finishing = draft.finish().then(() => (finished = true));
    await flushPromises();
    expect(finished).toBe(false);
    platform.release();
    await finishing;
    draft.offer('late');
    timers.advance(100);
    await flushPromises();
    expect(platform.shown).toEqual(['partial']);
    expect(timers.pending).toBe(0);
  });

  it('reports a failed edit and carries on drafting instead of throwing', async () => {
    const timers = createFakeTimers();
    const platform = recordingPlatform({ fail: true });
    const draft = createThrottledDraft({ intervalMs: 10, render: (t) => t, ...platform, timers });
    draft.offer('one');
    timers.advance(10);
    await flushPromises();
    draft.offer('two');
    timers.advance(10);
    await flushPromises();
    await draft.finish();
    expect(platform.errors.map((e) => (e as Error).message)).toEqual(['Missing Access', 'Missing Access']);
    expect(draft.shown).toBe(false);
  });
});
