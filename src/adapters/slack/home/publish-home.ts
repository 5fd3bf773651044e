import type { webApi } from '@slack/bolt';
import { homeView } from '../render/home-view.js';
import type { SlackDeps } from '../slack-deps.js';
import { loadHome } from './load-home.js';

/**
 * Builds (or reuses) a member's Home tab and publishes it with views.publish.
 * `notice` goes under the digest section, `practiceNotice` under the practice one.
 */
export async function publishHome(
  deps: Pick<
    SlackDeps,
    | 'homeCache'
    | 'newsletter'
    | 'subscriptionStatus'
    | 'weekConcept'
    | 'logger'
    | 'settings'
    | 'practice'
    | 'learnerOf'
  >,
  client: webApi.WebClient,
  userId: string,
  notice?: string,
  practiceNotice?: string,
): Promise<void> {
  const data = await loadHome(deps, client, userId);
  await client.views.publish({
    user_id: userId,
    view: homeView(data, { publicUrl: deps.settings.publicUrl, notice, practiceNotice }),
  });
}
