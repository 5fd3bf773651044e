import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { webSettingsFrom } from '../../../src/adapters/web/web-settings.js';
import { loadConfig } from '../../../src/config/load-config.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'ct-web-settings-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('web settings from config', () => {
  it('generates SESSION_SECRET into DATA_DIR once and keeps using it', async () => {
    const config = loadConfig({ DATA_DIR: dir });
    const first = webSettingsFrom(config);
    const stored = (await readFile(path.join(dir, 'session-secret'), 'utf8')).trim();
    expect(stored.length).toBeGreaterThanOrEqual(32);
    expect(webSettingsFrom(config).visitorKey.equals(first.visitorKey)).toBe(true);
    expect(first.adminTokenHash).toBeNull();
    expect(first.adminKey).toBeNull();
  });

  it('keeps only a hash of ADMIN_TOKEN and derives the session key from it', () => {
    const token = 'a-very-long-admin-token-0123456789';
    const secret = 'session-secret-session-secret-0123456789';
    const a = webSettingsFrom(loadConfig({ DATA_DIR: dir, ADMIN_TOKEN: token, SESSION_SECRET: secret }));
    const b = webSettingsFrom(
      loadConfig({ DATA_DIR: dir, ADMIN_TOKEN: `${token}x`, SESSION_SECRET: secret }),
    );
    expect(JSON.stringify(a)).not.toContain(token);
    expect(a.adminTokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(a.adminKey!.equals(b.adminKey!)).toBe(false);
    expect(a.visitorKey.equals(b.visitorKey)).toBe(true);
  });

  it('reads TRUST_PROXY as a hop count, accepting true and false', () => {
    expect(webSettingsFrom(loadConfig({ DATA_DIR: dir })).trustedProxies).toBe(0);
    expect(webSettingsFrom(loadConfig({ DATA_DIR: dir, TRUST_PROXY: 'true' })).trustedProxies).toBe(1);
    expect(webSettingsFrom(loadConfig({ DATA_DIR: dir, TRUST_PROXY: 'false' })).trustedProxies).toBe(0);
    expect(webSettingsFrom(loadConfig({ DATA_DIR: dir, TRUST_PROXY: '2' })).trustedProxies).toBe(2);
    expect(() => loadConfig({ TRUST_PROXY: 'nginx' })).toThrow(
      /TRUST_PROXY: must be the number of reverse proxies/,
    );
  });

  it('refuses a short ADMIN_TOKEN or SESSION_SECRET, saying how to generate one and never echoing it', () => {
    expect(() => loadConfig({ ADMIN_TOKEN: 'hunter2' })).toThrow(
      /ADMIN_TOKEN: must be at least 24 characters; generate one with: openssl rand -base64 32/,
    );
    const message = (() => {
      try {
        loadConfig({ ADMIN_TOKEN: 'hunter2', SESSION_SECRET: 'short' });
        return 'loadConfig accepted it';
      } catch (error) {
        return (error as Error).message;
      }
    })();
    expect(message).toMatch(/SESSION_SECRET: must be at least 32 characters/);
    expect(message).not.toContain('hunter2');
  });

  it('marks cookies Secure and turns on HSTS only for an https PUBLIC_URL', () => {
    expect(
      webSettingsFrom(loadConfig({ DATA_DIR: dir, PUBLIC_URL: 'https://tutor.example.com/' })),
    ).toMatchObject({ publicUrlIsHttps: true, publicUrl: 'https://tutor.example.com' });
    expect(
      webSettingsFrom(loadConfig({ DATA_DIR: dir, PUBLIC_URL: 'http://localhost:3000' })).publicUrlIsHttps,
    ).toBe(false);
  });
});
