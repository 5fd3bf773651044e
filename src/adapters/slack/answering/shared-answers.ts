import { randomBytes } from 'node:crypto';
import type { Clock } from '../../../core/ports.js';
import { createTtlMap } from '../app/ttl-map.js';
import type { SlackMessage } from '../render/slack-message.js';

/** An answer only its asker saw, waiting to be shared. */
export interface SharedAnswer {
  /** The Slack user who asked; only they may share it. */
  asker: string;
  channel: string;
  /** The answer as the asker saw it (without the "only you can see this" note or the Share button). */
  messages: SlackMessage[];
}

/** Answers kept for "Share in channel", each behind an unguessable token. */
export interface SharedAnswers {
  /** Keeps the answer and returns the token for its button. */
  keep(answer: SharedAnswer): string;
  /** The answer behind a token, still kept; undefined when unknown or expired. */
  peek(token: string): SharedAnswer | undefined;
  /** Removes and returns it: an answer is shared once. */
  take(token: string): SharedAnswer | undefined;
}

/** How long an ephemeral answer can be shared; a slash command's response_url works for 30 minutes. */
export const SHARE_TTL_MS = 30 * 60_000;

/**
 * In-memory {@link SharedAnswers}. Slack does not send an ephemeral message's
 * content with a click on its button, so the answer is kept here, for
 * SHARE_TTL_MS, in this process only: after a restart, or on another
 * replica, the button says the answer can no longer be shared.
 */
export function createSharedAnswers(options: {
  clock: Clock;
  ttlMs?: number;
  maxEntries?: number;
}): SharedAnswers {
  const kept = createTtlMap<SharedAnswer>({
    ttlMs: options.ttlMs ?? SHARE_TTL_MS,
    clock: options.clock,
    maxEntries: options.maxEntries ?? 1000,
  });
  return {
    keep(answer) {
      const token = randomBytes(18).toString('base64url');
      kept.set(token, answer);
      return token;
    },
    peek: (token) => kept.get(token),
    take(token) {
      const answer = kept.get(token);
      kept.delete(token);
      return answer;
    },
  };
}
