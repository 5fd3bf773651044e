import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const CORE = path.resolve(import.meta.dirname, '../../src/core');
/** SDKs and platform libraries belong in adapters; the core declares ports instead. */
const FORBIDDEN = [
  '@slack/',
  'discord.js',
  '@discordjs/',
  '@anthropic-ai/',
  'openai',
  'nodemailer',
  'smtp',
  '@prisma/',
  'prisma',
  'pglite',
  '@electric-sql/',
  'pg',
  'hono',
  '@hono/',
  'node-cron',
  'express',
  'fastify',
  'node:http',
  'node:https',
  'node:net',
  'node:fs',
];

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : [],
  );
}

/** Every module specifier imported (statically or dynamically) by a file. */
function importsOf(source: string): string[] {
  const specifiers = [
    ...source.matchAll(
      /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|import\s+['"]([^'"]+)['"]/g,
    ),
  ];
  return specifiers.map((m) => m[1] ?? m[2] ?? m[3]!);
}

describe('core boundary', () => {
  const coreFiles = files(CORE);

  it('finds the core files', () => {
    expect(coreFiles.length).toBeGreaterThan(10);
  });

  it.each(coreFiles.map((f) => [path.relative(CORE, f), f]))(
    '%s imports no SDK, I/O library or adapter',
    (_name, file) => {
      const bad = importsOf(readFileSync(file, 'utf8')).filter(
        (spec) =>
          FORBIDDEN.some((f) => spec === f || spec.startsWith(f.endsWith('/') ? f : `${f}/`)) ||
          (spec.startsWith('.') && !path.resolve(path.dirname(file), spec).startsWith(CORE)),
      );
      expect(bad).toEqual([]);
    },
  );

  it('detects a forbidden import (the check itself works)', () => {
    expect(importsOf("import { App } from '@slack/bolt';\nconst x = await import('discord.js');")).toEqual([
      '@slack/bolt',
      'discord.js',
    ]);
  });
});
