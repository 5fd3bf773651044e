import { type Client, Events } from 'discord.js';
import { errorFields } from '../../../core/errors.js';
import type { EventContext } from './event-context.js';

/**
 * Logs client and connection trouble. An EventEmitter without an "error"
 * listener throws, which would take the whole service down; discord.js
 * reconnects by itself after everything logged here except a disconnect.
 */
export function registerClientErrors(client: Client, { deps }: EventContext): void {
  const { logger } = deps;
  client.on(Events.Error, (error) => logger.error('client error', errorFields(error)));
  client.on(Events.Warn, (message) => logger.warn('client warning', { message }));
  client.on(Events.ShardError, (error, shardId) =>
    logger.warn('gateway connection error; reconnecting', { shardId, ...errorFields(error) }),
  );
  client.on(Events.ShardDisconnect, (event, shardId) =>
    logger.error('gateway closed the connection for good; check DISCORD_TOKEN and restart', {
      shardId,
      closeCode: event.code,
    }),
  );
}
