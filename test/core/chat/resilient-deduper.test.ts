import { describe, expect, it } from 'vitest';
import { withLocalFallback } from '../../../src/core/chat/resilient-deduper.js';
import { createMemoryEventDeduper } from '../../../src/core/memory/memory-event-deduper.js';
import type { EventDeduper } from '../../../src/core/ports.js';
import { createRecordingLogger } from '../../fakes/recording-logger.js';

describe('withLocalFallback', () => {
  it('uses the shared store while it works, and this process’s memory while it is down', async () => {
    const shared = createMemoryEventDeduper();
    let down = false;
    const store: EventDeduper = {
      claim: (key) => (down ? Promise.reject(new Error('connect ECONNREFUSED')) : shared.claim(key)),
    };
    const logger = createRecordingLogger();
    const deduper = withLocalFallback(store, logger);
    expect(await deduper.claim('slack:T:C:1')).toBe(true);
    expect(await deduper.claim('slack:T:C:1')).toBe(false);
    down = true;
    // A retry of a message answered before the outage is still recognised.
    expect(await deduper.claim('slack:T:C:1')).toBe(false);
    // A new message is claimed once: app_mention and message copies of one mention answer once.
    expect(await deduper.claim('slack:T:C:2')).toBe(true);
    expect(await deduper.claim('slack:T:C:2')).toBe(false);
    expect(logger.lines.filter((l) => l.level === 'warn')).toHaveLength(3);
  });
});
