import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const EMAIL = path.resolve(import.meta.dirname, '../../../src/adapters/email');

describe('adapters/email holds the mailer only', () => {
  const files = readdirSync(EMAIL).filter((f) => f.endsWith('.ts'));

  it.each(files)('%s wires no database, secrets or services', (file) => {
    const source = readFileSync(path.join(EMAIL, file), 'utf8');
    const imports = [...source.matchAll(/from\s*['"]([^'"]+)['"]/g)].map((m) => m[1]!);
    expect(
      imports.filter(
        (spec) => /^\.\.\/(db|state)\//.test(spec) || spec.includes('/core/newsletter/newsletter-services'),
      ),
    ).toEqual([]);
  });
});
