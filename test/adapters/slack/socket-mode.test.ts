import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slackModule } from '../../../src/adapters/slack/slack-module.js';
import { loadConfig } from '../../../src/config/load-config.js';
import { startService } from '../../../src/start-service.js';
import { type FakeSlackApi, startFakeSlackApi } from '../../fakes/fake-slack-api.js';
import { type FakeSlackSocket, startFakeSlackSocket } from '../../fakes/fake-slack-socket.js';
import { createRecordingLogger } from '../../fakes/recording-logger.js';
import { FIXTURE_CONTENT_DIR } from '../../fixtures/load-fixture-files.js';
import { openTestDatabase, type TestDatabase } from '../../setup/test-database.js';
import { BOT_TOKEN } from './support/slack-harness.js';
import { slackFixture } from './support/slack-requests.js';

const APP_TOKEN = 'xapp-1-A0TUTOR001-1111-fakeapptoken';

let slack: FakeSlackApi;
let socket: FakeSlackSocket;
let db: TestDatabase;
let dataDir: string;

beforeAll(async () => {
  [slack, socket, db, dataDir] = await Promise.all([
    startFakeSlackApi(),
    startFakeSlackSocket(),
    openTestDatabase('pglite'),
    mkdtemp(path.join(os.tmpdir(), 'slack-socket-')),
  ]);
  await db.disconnect();
  slack.socketUrl = socket.url;
});
afterAll(async () => {
  await Promise.all([
    slack.close(),
    socket.close(),
    db.close(),
    rm(dataDir, { recursive: true, force: true }),
  ]);
});

describe('Slack over Socket Mode (against a fake Socket Mode endpoint)', () => {
  it('connects with the app token, acknowledges envelopes, answers once, and disconnects on stop', async () => {
    const logger = createRecordingLogger();
    const config = loadConfig({
      DATABASE_URL: db.url,
      DATA_DIR: dataDir,
      CONTENT_DIR: FIXTURE_CONTENT_DIR,
      CONTENT_WATCH: 'false',
      USER_ID_SALT: 'slack-socket-test-salt',
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_APP_TOKEN: APP_TOKEN,
      SLACK_API_URL: slack.apiUrl,
      // These tests pin the placeholder path; streams have tests of their own.
      SLACK_STREAMING: 'false',
    });
    const service = await startService({ config: { ...config, PORT: 0 }, logger, modules: [slackModule] });
    try {
      await socket.connected();
      expect(logger.lines.find((l) => l.message.startsWith('concept-tutor ready'))!.message).toContain(
        'slack: on (Socket Mode)',
      );
      expect(slack.calls.find((c) => c.method === 'apps.connections.open')!.token).toBe(APP_TOKEN);

      const mention = slackFixture('app-mention');
      const ack = await socket.send('events_api', mention);
      expect(ack.envelope_id).toEqual(expect.any(String));
      // Slack re-sends an envelope it thinks was lost; the answer still goes out once.
      await socket.send('events_api', mention, { retry_attempt: 1, retry_reason: 'timeout' });
      await slack.waitFor(() => slack.callsTo('chat.update').length === 1);

      const commandAck = await socket.send('slash_commands', {
        ...slackFixture<Record<string, string>>('command-ask'),
        text: '',
      });
      expect(commandAck.payload).toMatchObject({
        response_type: 'ephemeral',
        text: expect.stringContaining('/ask What is a context window?'),
      });
    } finally {
      await service.stop();
    }
    await socket.closed();
    expect(slack.callsTo('chat.postMessage')).toHaveLength(1);
    expect(slack.calls.filter((c) => c.method.startsWith('chat.')).every((c) => c.token === BOT_TOKEN)).toBe(
      true,
    );
    expect(logger.lines.filter((l) => l.level === 'error')).toEqual([]);
  });
});
