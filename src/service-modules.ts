import type { ServiceModule } from './service-module.js';
import { pruneEventsModule } from './adapters/maintenance/prune-events-module.js';
import { discordModule } from './adapters/discord/discord-module.js';
import { slackModule } from './adapters/slack/slack-module.js';
import { digestModule } from './adapters/schedule/digest-module.js';

/** Every module the service can run; each decides from config whether it is on. */
export const serviceModules: readonly ServiceModule[] = [pruneEventsModule, slackModule, discordModule, digestModule];
