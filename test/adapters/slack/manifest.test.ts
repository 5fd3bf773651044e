import { readFileSync } from 'node:fs';
import { type App, Assistant } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { SLACK_EVENTS_PATH } from '../../../src/adapters/slack/app/http-mount.js';
import { registerListeners } from '../../../src/adapters/slack/listeners/index.js';
import type { SlackDeps } from '../../../src/adapters/slack/slack-deps.js';
import { type FakeSlackApi, startFakeSlackApi } from '../../fakes/fake-slack-api.js';
import { createFixtureTutor } from '../../fakes/fixture-tutor.js';
import { createRecordingLogger } from '../../fakes/recording-logger.js';
import { type SlackHarness, startSlackHarness } from './support/slack-harness.js';
import { slackFixture } from './support/slack-requests.js';

const read = (name: string) =>
  parse(readFileSync(new URL(`../../../slack/${name}`, import.meta.url), 'utf8'));
const socket = read('manifest.yml');
const http = read('manifest-http.yml');

/** The manifest without what differs between the two transports. */
function shared(manifest: any): unknown {
  const copy = structuredClone(manifest);
  for (const command of copy.features.slash_commands) delete command.url;
  delete copy.settings.event_subscriptions.request_url;
  delete copy.settings.interactivity.request_url;
  delete copy.settings.socket_mode_enabled;
  return copy;
}

describe('slack/manifest.yml and manifest-http.yml', () => {
  it('declare the same app, differing only in transport', () => {
    expect(shared(http)).toEqual(shared(socket));
    expect(socket.settings.socket_mode_enabled).toBe(true);
    expect(http.settings.socket_mode_enabled).toBe(false);
  });

  it('point every HTTP-mode URL at the one events path', () => {
    const urls = [
      http.settings.event_subscriptions.request_url,
      http.settings.interactivity.request_url,
      ...http.features.slash_commands.map((c: any) => c.url),
    ];
    expect(urls).toHaveLength(8);
    for (const url of urls) expect(new URL(url).pathname).toBe(SLACK_EVENTS_PATH);
  });

  it('ask for the scopes and events the listeners rely on', () => {
    expect(socket.oauth_config.scopes.bot).toEqual(
      expect.arrayContaining([
        'app_mentions:read',
        'assistant:write',
        'chat:write',
        'commands',
        'channels:history',
        'groups:history',
        'im:history',
        // conversations.open for the review reminder DM (/practice remind).
        'im:write',
        'mpim:history',
        'users:read',
        'users:read.email',
      ]),
    );
    expect(socket.settings.event_subscriptions.bot_events).toEqual([
      'app_home_opened',
      'app_mention',
      'assistant_thread_started',
      'message.channels',
      'message.groups',
      'message.im',
      'message.mpim',
    ]);
    // The viewed channel is never used, so its changes are not subscribed to.
    expect(socket.settings.event_subscriptions.bot_events).not.toContain('assistant_thread_context_changed');
    expect(socket.settings.interactivity.is_enabled).toBe(true);
    // People can DM the bot.
    expect(socket.features.app_home).toMatchObject({
      messages_tab_enabled: true,
      messages_tab_read_only_enabled: false,
    });
    // Raw text: emails and questions arrive as typed.
    for (const command of socket.features.slash_commands) expect(command.should_escape).toBe(false);
  });

  describe('in step with the listeners registerListeners() adds', () => {
    const registered = recordListeners();
    const events: string[] = socket.settings.event_subscriptions.bot_events;
    const scopes: string[] = socket.oauth_config.scopes.bot;

    it('subscribes to exactly the events that have a listener', () => {
      // message.channels, .groups, .im and .mpim all arrive as `message`.
      const subscribed = new Set(events.map((e) => e.split('.')[0]));
      const handled = new Set([
        ...registered.events,
        ...(registered.assistant ? ['assistant_thread_started', 'message'] : []),
      ]);
      expect([...subscribed].sort()).toEqual([...handled].sort());
    });

    it('grants the scope each event needs, and turns on the surfaces the listeners serve', () => {
      const needs: Record<string, string> = {
        app_mention: 'app_mentions:read',
        'message.channels': 'channels:history',
        'message.groups': 'groups:history',
        'message.im': 'im:history',
        'message.mpim': 'mpim:history',
        assistant_thread_started: 'assistant:write',
      };
      for (const event of events) if (needs[event]) expect(scopes, event).toContain(needs[event]);
      expect(registered.assistant).toBe(true);
      expect(socket.features.agent_view.agent_description).toEqual(expect.any(String));
      expect(socket.features.agent_view.agent_description.length).toBeLessThanOrEqual(300);
      expect(socket.features.app_home.home_tab_enabled).toBe(registered.events.includes('app_home_opened'));
      expect(socket.settings.interactivity.is_enabled).toBe(registered.actions.length > 0);
      expect(scopes.includes('commands')).toBe(registered.commands.length > 0);
    });

    it('declares exactly the slash commands that have a listener', () => {
      const declared = socket.features.slash_commands.map((c: { command: string }) => c.command).sort();
      expect(declared).toEqual([...registered.commands].sort());
    });
  });

  describe('slash commands', () => {
    let fake: FakeSlackApi;
    let harness: SlackHarness;
    beforeAll(async () => {
      fake = await startFakeSlackApi();
      const fixture = await createFixtureTutor(null);
      harness = await startSlackHarness({ fake, tutor: fixture.tutor, questionLog: fixture.log });
    });
    afterAll(async () => {
      await harness.close();
      await fake.close();
    });

    const commands: string[] = socket.features.slash_commands.map((c: { command: string }) => c.command);
    it.each(commands)('%s is handled by a listener', async (name) => {
      const fields = {
        ...slackFixture<Record<string, string>>('command-ask'),
        command: name,
        text: '',
        response_url: fake.responseUrl(),
      };
      // A command without a listener is never acknowledged and Slack shows an error; a handled one gets 200 at once.
      const response = await harness.send.command(fields);
      expect(response.status).toBe(200);
      await harness.settle();
    });
  });
});

/** What registerListeners() registers, recorded by a stand-in for Bolt's App. */
function recordListeners(): {
  events: string[];
  commands: string[];
  actions: string[];
  views: string[];
  assistant: boolean;
} {
  const seen = {
    events: [] as string[],
    commands: [] as string[],
    actions: [] as string[],
    views: [] as string[],
    assistant: false,
  };
  const app = {
    event: (name: string) => void seen.events.push(name),
    command: (name: string) => void seen.commands.push(name),
    action: (id: string) => void seen.actions.push(id),
    view: (id: string) => void seen.views.push(id),
    use: () => undefined,
    assistant: (assistant: unknown) => {
      seen.assistant = assistant instanceof Assistant;
    },
  };
  const deps = { clock: { now: () => new Date() }, logger: createRecordingLogger() } as unknown as SlackDeps;
  registerListeners(app as unknown as App, deps);
  return seen;
}
