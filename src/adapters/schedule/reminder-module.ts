import { hostname } from 'node:os';

type Container = Parameters<ServiceModule['status']>[0];

import { createReminderJob } from '../../core/practice/reminders/reminder-job.js';
import type { ReminderPlatform, ReminderSender } from '../../core/practice/reminders/types.js';
import type { ServiceModule } from '../../service-module.js';
import { discordStatus } from '../discord/discord-status.js';
import { slackStatus } from '../slack/slack-status.js';
import { createReminderScheduler, REMINDER_CRON } from './reminder-scheduler.js';

function platformsOn(container: Container): ReminderPlatform[] {
  const on: ReminderPlatform[] = [];
  if (slackStatus(container.config).on) on.push('slack');
  if (discordStatus(container.config).on) on.push('discord');
  return on;
}

/** A DM sender per connected platform; SDKs are imported only for the platforms that are on. */
async function senders(container: Container, platforms: readonly ReminderPlatform[]) {
  const { config } = container;
  const out: Partial<Record<ReminderPlatform, ReminderSender>> = {};
  if (platforms.includes('slack')) {
    const { webApi } = await import('@slack/bolt');
    const { slackClientOptions } = await import('../slack/app/client-options.js');
    const { createBoltLogger } = await import('../slack/app/bolt-logger.js');
    const { createSlackReminderSender } = await import('../slack/reminders/slack-reminder-sender.js');
    const logger = createBoltLogger(container.logger.child({ component: 'reminders' }));
    const client = new webApi.WebClient(
      config.SLACK_BOT_TOKEN,
      slackClientOptions({ slackApiUrl: config.SLACK_API_URL, logger }),
    );
    out.slack = createSlackReminderSender(client);
  }
  if (platforms.includes('discord')) {
    const { REST } = await import('discord.js');
    const { createDiscordReminderSender } = await import('../discord/reminders/discord-reminder-sender.js');
    const rest = new REST(config.DISCORD_API_URL ? { api: config.DISCORD_API_URL } : {}).setToken(
      config.DISCORD_TOKEN!,
    );
    out.discord = createDiscordReminderSender(rest);
  }
  return out;
}

/**
 * Opt-in review reminders (`/practice remind`) as a service module: on when a
 * database keeps the opt-ins and Slack or Discord is connected. Every replica
 * runs it; the job's claims make that safe (docs/decisions/010).
 */
export const reminderModule: ServiceModule = {
  name: 'reminders',
  status(container) {
    if (!container.database) return { on: false, detail: 'no database' };
    const platforms = platformsOn(container);
    if (platforms.length === 0) return { on: false, detail: 'no Slack or Discord to send DMs on' };
    return { on: true, detail: `opt-in review DMs on ${platforms.join(' and ')}, "${REMINDER_CRON}"` };
  },
  async start({ container }) {
    const database = container.database!;
    const logger = container.logger.child({ component: 'reminders' });
    const job = createReminderJob({
      store: database.reminderStore,
      senders: await senders(container, platformsOn(container)),
      clock: container.clock,
      library: () => container.content.store.current(),
      worker: `${hostname()}:${process.pid}`,
      logger,
    });
    const scheduler = createReminderScheduler({
      job,
      store: database.reminderStore,
      clock: container.clock,
      logger,
      inFlight: container.inFlight,
    });
    let stopped: Promise<void> | undefined;
    const stop = () => (stopped ??= scheduler.stop());
    return { quiesce: async () => void stop(), stop };
  },
};
