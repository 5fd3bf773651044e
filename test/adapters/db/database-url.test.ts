import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  describeDatabaseTarget,
  maskDatabaseUrl,
  parseDatabaseUrl,
} from '../../../src/adapters/db/database-url.js';

const cwd = '/srv/app';

describe('parseDatabaseUrl', () => {
  it('defaults to embedded PGlite in <dataDir>/pg when unset or blank', () => {
    expect(parseDatabaseUrl(undefined, 'data', cwd)).toEqual({
      kind: 'pglite',
      dataDir: path.resolve(cwd, 'data/pg'),
    });
    expect(parseDatabaseUrl('', '/var/lib/tutor', cwd)).toEqual({
      kind: 'pglite',
      dataDir: '/var/lib/tutor/pg',
    });
    expect(parseDatabaseUrl('   ', 'data', cwd)).toEqual({ kind: 'pglite', dataDir: '/srv/app/data/pg' });
  });

  it('accepts pglite:<path> relative to cwd, absolute paths and pglite:memory', () => {
    expect(parseDatabaseUrl('pglite:./db/pg', 'data', cwd)).toEqual({
      kind: 'pglite',
      dataDir: '/srv/app/db/pg',
    });
    expect(parseDatabaseUrl('pglite:/tmp/x', 'data', cwd)).toEqual({ kind: 'pglite', dataDir: '/tmp/x' });
    expect(parseDatabaseUrl('pglite:memory', 'data', cwd)).toEqual({ kind: 'pglite', dataDir: null });
  });

  it('accepts postgres:// and postgresql:// server URLs as given', () => {
    for (const url of [
      'postgres://u:p@db:5432/tutor',
      'postgresql://postgres@127.0.0.1/test?sslmode=require',
    ]) {
      expect(parseDatabaseUrl(url, 'data', cwd)).toEqual({ kind: 'postgres', connectionString: url });
    }
  });

  it.each([
    ['mysql://root:hunter2@db/tutor', 'mysql://root:***@db/tutor'],
    ['file:./dev.db', 'file:./dev.db'],
    ['pglite:', 'pglite:'],
    ['postgresql://', 'postgresql://'],
    ['localhost:5432', 'localhost:5432'],
  ])('rejects %s, naming DATABASE_URL, the masked value and the accepted forms', (value, shown) => {
    let message = '';
    try {
      parseDatabaseUrl(value, 'data', cwd);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('DATABASE_URL');
    expect(message).toContain(`"${shown}"`);
    expect(message).toContain('pglite:memory');
    expect(message).toContain('postgresql://');
    expect(message).not.toContain('hunter2');
  });
});

describe('maskDatabaseUrl', () => {
  it('hides the password, including one containing @, and leaves the rest', () => {
    expect(maskDatabaseUrl('postgresql://tutor:s3cret@db:5432/tutor')).toBe(
      'postgresql://tutor:***@db:5432/tutor',
    );
    expect(maskDatabaseUrl('postgres://tutor:p@ss@db/tutor')).toBe('postgres://tutor:***@db/tutor');
    expect(maskDatabaseUrl('postgresql://postgres@127.0.0.1/test')).toBe(
      'postgresql://postgres@127.0.0.1/test',
    );
    expect(maskDatabaseUrl('pglite:./data/pg')).toBe('pglite:./data/pg');
  });

  it('is what describeDatabaseTarget prints', () => {
    const target = parseDatabaseUrl('postgresql://tutor:s3cret@db/tutor', 'data', cwd);
    expect(describeDatabaseTarget(target)).toBe('PostgreSQL postgresql://tutor:***@db/tutor');
    expect(describeDatabaseTarget({ kind: 'pglite', dataDir: null })).toBe('PGlite (in memory)');
  });
});
