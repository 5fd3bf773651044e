import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { afterEach, describe, expect, it } from 'vitest';
import { createOutboxMailer } from '../../../src/adapters/email/outbox-mailer.js';
import { createRecordingLogger } from '../../fakes/recording-logger.js';

describe('createOutboxMailer (the default without SMTP_URL)', () => {
  let dir: string;
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('writes each message as an .eml file with both parts and the headers, and logs where', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'outbox-'));
    const logger = createRecordingLogger();
    const mailer = createOutboxMailer({
      dir: path.join(dir, 'outbox'),
      from: '"Concept Tutor" <newsletter@localhost>',
      logger,
    });
    const result = await mailer.send({
      to: 'ada@example.com',
      subject: 'Hello',
      html: '<p>Hi</p>',
      text: 'Hi',
      headers: { 'List-Unsubscribe': '<http://localhost:3000/newsletter/unsubscribe?token=x>' },
      messageId: '<m1@localhost>',
    });
    expect(result).toMatchObject({ status: 'sent', messageId: '<m1@localhost>' });
    const files = await readdir(path.join(dir, 'outbox'));
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^\d{4}-\d{2}-\d{2}T.*_ada_example\.com_[0-9a-f]{6}\.eml$/);
    const raw = await readFile(path.join(dir, 'outbox', files[0]!));
    expect(raw.toString()).toContain('\r\n');
    const parsed = await simpleParser(raw);
    expect(parsed.to && 'text' in parsed.to ? parsed.to.text : '').toBe('ada@example.com');
    expect(parsed.html).toContain('<p>Hi</p>');
    expect(parsed.text).toBe('Hi');
    expect(logger.lines).toEqual([
      {
        level: 'info',
        message: 'email written to the outbox (set SMTP_URL to send for real)',
        fields: { file: path.join(dir, 'outbox', files[0]!), subject: 'Hello' },
      },
    ]);
  });

  it('reports an unwritable outbox as unavailable instead of throwing', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'outbox-'));
    await writeFile(path.join(dir, 'blocked'), 'a file where the folder should be');
    const mailer = createOutboxMailer({
      dir: path.join(dir, 'blocked'),
      from: 'newsletter@localhost',
      logger: createRecordingLogger(),
    });
    const result = await mailer.send({ to: 'ada@example.com', subject: 's', html: 'h', text: 't' });
    expect(result).toMatchObject({ status: 'failed', kind: 'unavailable' });
    expect(result.status === 'failed' && result.error).toMatch(/^cannot write to the outbox .*blocked/);
  });
});
