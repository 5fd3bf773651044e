import type { webApi } from '@slack/bolt';
import { errorFields } from '../../../core/errors.js';
import { profileEmail } from '../answering/resolve-email.js';
import type { SlackDeps } from '../slack-deps.js';
import type { DigestOnHome, HomeData } from './home-cache.js';

type Deps = Pick<
  SlackDeps,
  'homeCache' | 'newsletter' | 'subscriptionStatus' | 'weekConcept' | 'logger' | 'practice' | 'learnerOf'
>;

/**
 * A member's Home data: the digest status of the email on their own Slack
 * profile (users.info; they see only their own), this week's concept and
 * their practice summary (items due, streak).
 * Reused from the cache when the member opened the tab moments ago.
 */
export async function loadHome(deps: Deps, client: webApi.WebClient, userId: string): Promise<HomeData> {
  const cached = deps.homeCache.get(userId);
  if (cached) return cached;
  const [digest, weekConcept, practice] = await Promise.all([
    digestOf(deps, client, userId),
    deps.weekConcept().catch((error: unknown) => {
      deps.logger.warn("could not pick this week's concept for the Home tab", errorFields(error));
      return null;
    }),
    deps.practice.summary(deps.learnerOf(userId)).catch((error: unknown) => {
      deps.logger.warn('could not load practice for the Home tab', errorFields(error));
      return null;
    }),
  ]);
  const data: HomeData = { digest, weekConcept, practice };
  // A failed lookup is not cached: the next open tries again.
  if (digest.kind !== 'unknown' && practice !== null) deps.homeCache.set(userId, data);
  return data;
}

async function digestOf(deps: Deps, client: webApi.WebClient, userId: string): Promise<DigestOnHome> {
  if (!deps.newsletter || !deps.subscriptionStatus) return { kind: 'unavailable' };
  const email = await profileEmail(client, userId, deps.logger);
  if (!email) return { kind: 'no-email' };
  try {
    return { kind: await deps.subscriptionStatus.statusOf(email), email };
  } catch (error) {
    deps.logger.warn('could not look up the digest subscription for the Home tab', errorFields(error));
    return { kind: 'unknown', email };
  }
}
