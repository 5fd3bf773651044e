import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ASSETS_DIR, loadWebAssets } from '../../../src/adapters/web/render/assets.js';
import { createWebHarness, type WebHarness } from './web-harness.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const IMMUTABLE = 'public, max-age=31536000, immutable';

/** The asset URLs a page links to (stylesheet, icon, scripts). */
function assetUrls(html: string): string[] {
  return [...html.matchAll(/(?:href|src)="(\/assets\/[^"]+)"/g)].map((m) => m[1]!);
}

/** The source file an asset URL serves: /assets/ask.0123456789.js → src/adapters/web/assets/ask.js. */
function sourceOf(url: string): { file: string; hash: string } {
  const match = /^\/assets\/([\w-]+)\.([0-9a-f]{10})(\.\w+)$/.exec(url)!;
  return { file: path.join(ASSETS_DIR, `${match[1]}${match[3]}`), hash: match[2]! };
}

describe('web assets', () => {
  let h: WebHarness;
  beforeAll(async () => {
    h = await createWebHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('serves every linked asset from its file, at a URL with its content hash, cached for a year as immutable', async () => {
    const client = h.client();
    await client.login();
    const urls = new Set<string>();
    for (const page of ['/', '/ask', '/admin/content/concepts/token'])
      for (const url of assetUrls((await client.get(page)).text)) urls.add(url);
    expect([...urls].map((u) => path.basename(sourceOf(u).file)).sort()).toEqual([
      'admin-editor.js',
      'ask.js',
      'icon.svg',
      'style.css',
    ]);
    for (const url of urls) {
      const response = await client.request(url);
      expect(response.status, url).toBe(200);
      expect(response.headers.get('cache-control')).toBe(IMMUTABLE);
      // The CSP still applies to assets and pages alike: scripts from this site only, nothing inline.
      expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
      const { file, hash } = sourceOf(url);
      const body = Buffer.from(await response.arrayBuffer());
      expect(body.equals(readFileSync(file)), url).toBe(true);
      expect(createHash('sha256').update(body).digest('hex').slice(0, 10)).toBe(hash);
    }
  });

  it('answers 404 for an old or made-up asset URL', async () => {
    expect((await h.client().request('/assets/style.0000000000.css')).status).toBe(404);
    expect((await h.client().request('/assets/../package.json')).status).toBe(404);
  });

  it('stops at startup with the path and the fix when an asset file is missing', async () => {
    const empty = await mkdtemp(path.join(os.tmpdir(), 'ct-assets-'));
    try {
      expect(() => loadWebAssets(empty)).toThrow(/style\.css is missing .*run npm run build/);
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });

  it('the scripts are type-checked in the browser: // @ts-check on each', () => {
    for (const name of ['ask.js', 'admin-editor.js'])
      expect(readFileSync(path.join(ASSETS_DIR, name), 'utf8').startsWith('// @ts-check\n')).toBe(true);
    expect(JSON.parse(readFileSync(path.join(ROOT, 'tsconfig.assets.json'), 'utf8'))).toMatchObject({
      compilerOptions: { checkJs: true, noEmit: true, lib: expect.arrayContaining(['DOM']) },
      include: ['src/adapters/web/assets/*.js'],
    });
  });
});

/**
 * The built service (npm run build → dist/, as npm ci, the Dockerfile and CI
 * build it) serves the same asset files: the build copies them beside the
 * compiled code. A dist/ older than src/ fails here with a hint to rebuild.
 */
describe('web assets in the build', () => {
  const main = path.join(ROOT, 'dist/src/main.js');

  it('node dist/src/main.js serves every asset, byte for byte the source file', async () => {
    expect(existsSync(main), 'dist/ is missing: run npm run build').toBe(true);
    const dir = await mkdtemp(path.join(os.tmpdir(), 'ct-dist-'));
    const child = spawn(process.execPath, [main], {
      cwd: dir,
      env: {
        PATH: process.env.PATH,
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_FORMAT: 'json',
        DATA_DIR: path.join(dir, 'data'),
        DATABASE_URL: 'pglite:memory',
        CONTENT_DIR: path.join(ROOT, 'test/fixtures/content'),
        CONTENT_WATCH: 'false',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const baseUrl = await new Promise<string>((resolve, reject) => {
        const onData = (chunk: Buffer) => {
          output += chunk.toString();
          const match = /ready on (http:\/\/[\d.]+:\d+)/.exec(output);
          if (match) resolve(match[1]!);
        };
        child.stdout.on('data', onData);
        child.stderr.on('data', onData);
        void exited.then((code) => reject(new Error(`exited with ${code} before it was ready:\n${output}`)));
      });
      const home = await (await fetch(`${baseUrl}/`)).text();
      const urls = assetUrls(home);
      expect(urls.length).toBeGreaterThanOrEqual(3);
      for (const url of urls) {
        const response = await fetch(`${baseUrl}${url}`);
        expect(response.status, url).toBe(200);
        expect(response.headers.get('cache-control')).toBe(IMMUTABLE);
        const body = Buffer.from(await response.arrayBuffer());
        expect(
          body.equals(readFileSync(sourceOf(url).file)),
          `${url} differs from its source; dist/ is stale: run npm run build`,
        ).toBe(true);
      }
    } finally {
      child.kill('SIGTERM');
      await exited;
      await rm(dir, { recursive: true, force: true });
    }
  });
});
