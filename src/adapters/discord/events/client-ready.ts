import { type Client, Events } from 'discord.js';
import { errorFields } from '../../../core/errors.js';
import { inviteUrl } from '../invite-url.js';
import type { EventContext } from './event-context.js';

/** Logs the connection, and the two setup mistakes that are visible from here. */
export function registerClientReady(client: Client, { deps, applicationId }: EventContext): void {
  client.on(Events.ClientReady, (ready) => {
    try {
      deps.logger.info('connected', { bot: ready.user.tag, servers: ready.guilds.cache.size });
      if (ready.application.id !== applicationId) {
        deps.logger.warn(
          'DISCORD_APPLICATION_ID does not match the application DISCORD_TOKEN belongs to; `tutor discord register` will fail until it does',
          {
            configured: applicationId,
            actual: ready.application.id,
          },
        );
      }
      if (ready.guilds.cache.size === 0) {
        deps.logger.info('the Discord bot is in no server yet; invite it with this link', {
          invite: inviteUrl(ready.application.id),
        });
      }
    } catch (error) {
      deps.logger.error('ready handler failed', errorFields(error));
    }
  });
}
