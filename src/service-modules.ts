import { discordStatus } from './adapters/discord/discord-status.js';
import { pruneEventsModule } from './adapters/maintenance/prune-events-module.js';
import { metricsModule } from './adapters/metrics/metrics-module.js';
import { digestModule } from './adapters/schedule/digest-module.js';
import { reminderModule } from './adapters/schedule/reminder-module.js';
import { slackStatus } from './adapters/slack/slack-status.js';
import type { Config } from './config/env-schema.js';
import type { ModuleStatus, ServiceModule } from './service-module.js';

/**
 * A module whose code (and SDK) is imported only when it starts: Bolt and
 * discord.js take about a second to load, which a service with Slack or
 * Discord off should not pay at every start.
 */
function lazyModule(
  name: string,
  status: (config: Config) => ModuleStatus,
  load: () => Promise<ServiceModule>,
): ServiceModule {
  return {
    name,
    status: (container) => status(container.config),
    start: async (context) => (await load()).start(context),
  };
}

/** Every module the service can run; each decides from config whether it is on. */
export const serviceModules: readonly ServiceModule[] = [
  pruneEventsModule,
  metricsModule,
  lazyModule(
    'slack',
    slackStatus,
    async () => (await import('./adapters/slack/slack-module.js')).slackModule,
  ),
  lazyModule(
    'discord',
    discordStatus,
    async () => (await import('./adapters/discord/discord-module.js')).discordModule,
  ),
  digestModule,
  reminderModule,
];
