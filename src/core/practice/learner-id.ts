import { hashUser } from '../answering/hash-user.js';
import type { LearnerId } from './types.js';

/** A web visitor, keyed by the random id in their practice cookie. */
export function webLearner(cookieId: string): LearnerId {
  return `web:${cookieId}`;
}

/** A chat user, pseudonymised exactly as the question log does (salted hash of platform and user id). */
export function chatLearner(salt: string, platform: 'slack' | 'discord', userId: string): LearnerId {
  return `chat:${platform}:${hashUser(salt, platform, userId)}`;
}

/** A newsletter subscriber, by subscriber id (never the address). */
export function subscriberLearner(subscriberId: string): LearnerId {
  return `subscriber:${subscriberId}`;
}
