import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const ADAPTERS = path.join(ROOT, 'src/adapters');
const CONTAINER = path.join(ROOT, 'src/container.ts');
const SERVICE_MODULE = path.join(ROOT, 'src/service-module.ts');

/**
 * The adapter files that may see the whole container: the composition
 * root's side of each adapter, which picks the narrow deps the rest uses.
 * Anything else that needs something from the container gets it passed in.
 */
const COMPOSITION_ROOT = [
  // The web: webDepsFrom() builds WebDeps; no route, view or middleware sees the container.
  'web/web-deps-from.ts',
  // Slack and Discord: their service modules and deps builders (slackDepsFrom, discordDepsFrom).
  'slack/slack-module.ts',
  'discord/discord-deps.ts',
  // Each CLI command that needs the service's parts opens its own container, as main.ts does.
  'cli/commands/ask.ts',
  'cli/commands/search.ts',
  'cli/commands/newsletter-cli-support.ts',
];

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : [],
  );
}

/** The files (absolute, without extension) a source file imports, statically or dynamically, relative ones only. */
function relativeImports(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  return [
    ...source.matchAll(
      /(?:import|export)\s[^'"]*?from\s*['"](\.[^'"]+)['"]|import\s*\(\s*['"](\.[^'"]+)['"]\s*\)|import\s+['"](\.[^'"]+)['"]/g,
    ),
  ].map((m) => path.resolve(path.dirname(file), (m[1] ?? m[2] ?? m[3]!).replace(/\.js$/, '.ts')));
}

describe('container boundary', () => {
  const adapterFiles = files(ADAPTERS);

  it('lists composition-root files that exist and do import the container', () => {
    for (const name of COMPOSITION_ROOT)
      expect(relativeImports(path.join(ADAPTERS, name)), name).toContain(CONTAINER);
  });

  it.each(
    adapterFiles
      .filter((f) => !COMPOSITION_ROOT.includes(path.relative(ADAPTERS, f)))
      .map((f) => [path.relative(ADAPTERS, f), f]),
  )('%s does not import src/container.ts', (_name, file) => {
    expect(relativeImports(file)).not.toContain(CONTAINER);
  });

  it('no web file but webDepsFrom sees the container, not even through the ServiceModule type', () => {
    const web = adapterFiles.filter(
      (f) => f.startsWith(path.join(ADAPTERS, 'web') + path.sep) && !f.endsWith('web-deps-from.ts'),
    );
    expect(web.length).toBeGreaterThan(40);
    const seeing = web.filter((f) => {
      const imports = relativeImports(f);
      return imports.includes(CONTAINER) || imports.includes(SERVICE_MODULE);
    });
    expect(seeing.map((f) => path.relative(ADAPTERS, f))).toEqual([]);
  });

  it('detects an import of the container (the check itself works)', () => {
    const file = path.join(ADAPTERS, 'web/routes/public/home-routes.ts');
    expect(
      [
        ...`import type { Container } from '../../../../container.js';`.matchAll(
          /(?:import|export)\s[^'"]*?from\s*['"](\.[^'"]+)['"]/g,
        ),
      ].map((m) => path.resolve(path.dirname(file), m[1]!.replace(/\.js$/, '.ts'))),
    ).toEqual([CONTAINER]);
  });
});
