import { type App, Assistant } from '@slack/bolt';
import { createTtlMap } from '../../app/ttl-map.js';
import type { SlackDeps } from '../../slack-deps.js';
import { dropMalformedAssistantEvents } from './guard.js';
import { threadStarted } from './thread-started.js';
import { userMessage } from './user-message.js';

/** Threads greeted by this process and not titled yet; only consulted when threads are not read. */
const UNTITLED_TTL_MS = 24 * 60 * 60_000;

/**
 * Registers the agent view (Bolt's Assistant): assistant_thread_started and
 * the messages of assistant threads (every threaded DM). The thread context
 * (the channel the person is viewing) is neither stored nor read: the
 * context store keeps nothing and context changes are ignored.
 */
export function register(app: App, deps: SlackDeps): void {
  const untitled = createTtlMap<true>({ ttlMs: UNTITLED_TTL_MS, clock: deps.clock, maxEntries: 5000 });
  const key = (channel: string, threadTs: string) => `${channel}:${threadTs}`;
  app.use(dropMalformedAssistantEvents(deps.logger));
  app.assistant(
    new Assistant({
      // Bolt's default store reads the thread and writes the context into message metadata; nothing here needs it.
      threadContextStore: { get: async () => ({}), save: async () => {} },
      threadContextChanged: async () => {
        deps.logger.debug('ignored an assistant context change (the viewed channel is never read)');
      },
      threadStarted: threadStarted(deps, (channel, threadTs) => untitled.set(key(channel, threadTs), true)),
      userMessage: userMessage(deps, (channel, threadTs) => untitled.delete(key(channel, threadTs))),
    }),
  );
}
