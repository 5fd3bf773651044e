import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { SLACK_EVENTS_PATH } from '../../../src/adapters/slack/app/http-mount.js';
import { type FakeSlackApi, startFakeSlackApi } from '../../fakes/fake-slack-api.js';
import { createFixtureTutor } from '../../fakes/fixture-tutor.js';
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
    expect(urls).toHaveLength(7);
    for (const url of urls) expect(new URL(url).pathname).toBe(SLACK_EVENTS_PATH);
  });

  it('ask for the scopes and events the listeners rely on', () => {
    expect(socket.oauth_config.scopes.bot).toEqual(
      expect.arrayContaining([
        'app_mentions:read',
        'chat:write',
        'commands',
        'channels:history',
        'groups:history',
        'im:history',
        'mpim:history',
        'users:read',
        'users:read.email',
      ]),
    );
    expect(socket.settings.event_subscriptions.bot_events).toEqual([
      'app_mention',
      'message.channels',
      'message.groups',
      'message.im',
      'message.mpim',
    ]);
    expect(socket.settings.interactivity.is_enabled).toBe(true);
    // People can DM the bot.
    expect(socket.features.app_home).toMatchObject({
      messages_tab_enabled: true,
      messages_tab_read_only_enabled: false,
    });
    // Raw text: emails and questions arrive as typed.
    for (const command of socket.features.slash_commands) expect(command.should_escape).toBe(false);
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
