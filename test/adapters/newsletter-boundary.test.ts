import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { CliNewsletter } from '../../src/adapters/cli/commands/newsletter-cli-support.js';
import type { WebNewsletter } from '../../src/adapters/web/web-deps.js';
import type { DigestService } from '../../src/core/newsletter/digest-service.js';
import type { DigestStore, SubscriberStore } from '../../src/core/newsletter/ports.js';
import type { SubscriberAdmin } from '../../src/core/newsletter/subscriber-admin.js';

/**
 * The newsletter's stores stay behind its services (issue 11 §1): the web and
 * the CLI call `digest.pin()`, `subscribers.exportCsv()`…, so a use case is
 * written once and the two surfaces cannot drift apart again. Checked twice:
 * by type (what the web and the CLI are handed) and by source (what their
 * files import and call).
 */

const ROOT = path.resolve(import.meta.dirname, '../..');
const PORTS = path.join(ROOT, 'src/core/newsletter/ports.ts');
const STORE_DIRS = [path.join(ROOT, 'src/adapters/db/newsletter'), path.join(ROOT, 'src/wiring')];
const SURFACES = ['src/adapters/web', 'src/adapters/cli'].map((d) => path.join(ROOT, d));

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : [],
  );
}

/** Every import specifier of a source text (static, dynamic, side-effect, re-export). */
function specifiers(source: string): string[] {
  return [
    ...source.matchAll(
      /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|import\s+['"]([^'"]+)['"]/g,
    ),
  ].map((m) => (m[1] ?? m[2] ?? m[3])!);
}

/** The imports of `source` (as if it were `file`) that reach a store: ports.ts, the Prisma stores, or the wiring. */
function storeImports(file: string, source: string): string[] {
  return specifiers(source).filter((s) => {
    if (!s.startsWith('.')) return false;
    const target = path.resolve(path.dirname(file), s.replace(/\.js$/, '.ts'));
    return target === PORTS || STORE_DIRS.some((d) => target.startsWith(d + path.sep));
  });
}

/** The method names of one interface in ports.ts, read from its source. */
function methodsOf(name: string): string[] {
  const source = readFileSync(PORTS, 'utf8');
  const body = new RegExp(`export interface ${name} \\{([\\s\\S]*?)\\n\\}`).exec(source)?.[1] ?? '';
  return [...body.matchAll(/^ {2}(\w+)\(/gm)].map((m) => m[1]!);
}

/** Calls on something named `digests` (only the store is), or store-only methods on `subscribers`. */
function storeCalls(source: string): string[] {
  const code = source.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
  const adminMethods = new Set(['counts', 'search', 'exportRows', 'exportCsv', 'add', 'importCsv', 'remove']);
  const storeOnly = methodsOf('SubscriberStore').filter((m) => !adminMethods.has(m));
  return [
    ...code.matchAll(/\bdigests\s*\??\.\s*\w+|[{,]\s*digests\s*[,}:]/g),
    ...code.matchAll(new RegExp(`\\bsubscribers\\s*\\??\\.\\s*(?:${storeOnly.join('|')})\\s*\\(`, 'g')),
  ].map((m) => m[0].trim());
}

/** Keys of T that only the digest store has (not the digest service). */
type DigestStoreOnly<T> = keyof T & Exclude<keyof DigestStore, keyof DigestService>;
/** Keys of T that only the subscriber store has (not the subscriber admin). */
type SubscriberStoreOnly<T> = keyof T & Exclude<keyof SubscriberStore, keyof SubscriberAdmin>;

describe('newsletter boundary: the web and the CLI get services, never stores', () => {
  it('the web and the CLI are handed no store method (types)', () => {
    expectTypeOf<DigestStoreOnly<WebNewsletter['digest']>>().toEqualTypeOf<never>();
    expectTypeOf<SubscriberStoreOnly<WebNewsletter['subscribers']>>().toEqualTypeOf<never>();
    expectTypeOf<keyof WebNewsletter & ('digests' | 'stores')>().toEqualTypeOf<never>();
    expectTypeOf<DigestStoreOnly<CliNewsletter['digest']>>().toEqualTypeOf<never>();
    expectTypeOf<SubscriberStoreOnly<CliNewsletter['subscribers']>>().toEqualTypeOf<never>();
    expectTypeOf<keyof CliNewsletter & ('digests' | 'stores')>().toEqualTypeOf<never>();
    // The checks above are only as good as the method lists they compare.
    expect(methodsOf('DigestStore')).toEqual(
      expect.arrayContaining(['setPin', 'claim', 'history', 'counts']),
    );
    expect(methodsOf('SubscriberStore')).toEqual(
      expect.arrayContaining(['page', 'countByStatus', 'findByEmail']),
    );
  });

  const surfaceFiles = SURFACES.flatMap(files);
  it('finds the web and CLI files', () => {
    expect(surfaceFiles.length).toBeGreaterThan(80);
  });

  it.each(surfaceFiles.map((f) => [path.relative(ROOT, f), f]))(
    '%s neither imports a store nor calls one',
    (_name, file) => {
      const source = readFileSync(file, 'utf8');
      expect(storeImports(file, source)).toEqual([]);
      expect(storeCalls(source)).toEqual([]);
    },
  );

  it('the checks themselves catch a store import and store calls', () => {
    const file = path.join(ROOT, 'src/adapters/cli/commands/digest-pin.ts');
    expect(
      storeImports(
        file,
        `import type { DigestStore } from '../../../core/newsletter/ports.js';\nconst m = await import('../../db/newsletter/prisma-digest-store.js');`,
      ),
    ).toHaveLength(2);
    expect(
      storeImports(file, `import { parseWeekKey } from '../../../core/newsletter/week-key.js';`),
    ).toEqual([]);
    expect(
      storeCalls(
        'await newsletter.digests.setPin(pin);\nconst { digests } = runtime;\nawait subscribers.page({ afterId: null, limit: 10 });',
      ),
    ).toEqual(['digests.setPin', '{ digests }', 'subscribers.page(']);
    expect(storeCalls('await subscribers.search({ query });\n// digests.setPin in a comment')).toEqual([]);
  });
});
