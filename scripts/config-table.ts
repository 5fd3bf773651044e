/**
 * Generates the configuration table in README.md (between
 * `<!-- config:start -->` and `<!-- config:end -->`) from .env.example, the
 * one place each variable is documented. test/config/readme-config-table.test.ts
 * fails when the README is out of step; `npm run docs:config` rewrites it.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** One variable of .env.example: its section, default (empty when unset) and comment. */
export interface ConfigVariable {
  section: string;
  name: string;
  value: string;
  comment: string;
}

export const TABLE_START = '<!-- config:start -->';
export const TABLE_END = '<!-- config:end -->';

/** Reads the variables of .env.example in order, each with the comment lines above it. */
export function parseEnvExample(text: string): ConfigVariable[] {
  const variables: ConfigVariable[] = [];
  let section = '';
  let comment: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const heading = /^# --- (.*?) -+$/.exec(line);
    if (heading) {
      section = heading[1]!;
      comment = [];
    } else if (line.startsWith('#')) {
      comment.push(line.slice(1).trim());
    } else {
      const variable = /^([A-Z0-9_]+)=(.*)$/.exec(line);
      if (variable)
        variables.push({ section, name: variable[1]!, value: variable[2]!, comment: comment.join(' ') });
      comment = [];
    }
  }
  return variables;
}

/** A code span that shows `text` as written, `|` escaped as a table cell needs even inside code. */
function code(text: string): string {
  const fence = text.includes('`') ? '``' : '`';
  const pad = fence === '``' ? ' ' : '';
  return `${fence}${pad}${text.replaceAll('|', '\\|')}${pad}${fence}`;
}

/**
 * Prose made safe for one table cell, shown as written: line breaks become
 * spaces; `<placeholder>`s (pglite:<folder>, <selector>._domainkey…) and
 * escape sequences such as \n become code spans, which Markdown shows
 * literally instead of reading them as HTML or a line break; any other `<`,
 * `>` or entity-like `&` is escaped; `|` is escaped. Existing code spans are kept.
 */
export function cellText(text: string): string {
  return text
    .replace(/[\r\n]+/g, ' ')
    .split(/(`[^`]*`)/)
    .map((part, index) => {
      if (index % 2 === 1) return part.replaceAll('|', '\\|');
      return part
        .replace(/[^\s`]*<[^<>\s][^<>]*>[^\s`]*|\\[a-z]/gi, (match) => {
          const trailing = /[.,;:)]+$/.exec(match)?.[0] ?? '';
          return `${code(match.slice(0, match.length - trailing.length))}${trailing}`;
        })
        .split(/(`[^`]*`)/)
        .map((piece, i) =>
          i % 2 === 1
            ? piece
            : piece
                .replace(/&(?=#?[a-z0-9]+;)/gi, '&amp;')
                .replaceAll('<', '&lt;')
                .replaceAll('>', '&gt;')
                .replaceAll('|', '\\|'),
        )
        .join('');
    })
    .join('');
}

/** The Markdown table: one row per variable, a bold row before each section. */
export function renderConfigTable(envExample: string): string {
  const rows = ['| Variable | Default | What it does |', '| --- | --- | --- |'];
  let section: string | undefined;
  for (const variable of parseEnvExample(envExample)) {
    if (variable.section !== section) {
      section = variable.section;
      rows.push(`| **${cellText(section)}** | | |`);
    }
    const value = variable.value === '' ? 'unset' : code(variable.value);
    rows.push(`| ${code(variable.name)} | ${value} | ${cellText(variable.comment)} |`);
  }
  return rows.join('\n');
}

/** The README with its table replaced; throws when the markers are missing. */
export function withConfigTable(readme: string, table: string): string {
  const start = readme.indexOf(TABLE_START);
  const end = readme.indexOf(TABLE_END);
  if (start < 0 || end < start)
    throw new Error(`README.md needs ${TABLE_START} … ${TABLE_END} around the table`);
  return `${readme.slice(0, start + TABLE_START.length)}\n${table}\n${readme.slice(end)}`;
}

/**
 * A table's rows as lists of trimmed cells, so that a table Biome has padded
 * into aligned columns compares equal to the generated one.
 */
export function tableCells(table: string): string[][] {
  return table
    .trim()
    .split('\n')
    .map((row) =>
      row
        .trim()
        .replace(/^\|/, '')
        .replace(/(?<!\\)\|$/, '')
        .split(/(?<!\\)\|/)
        .map((cell) => (/^\s*-+\s*$/.test(cell) ? '---' : cell.trim())),
    );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = fileURLToPath(new URL('../', import.meta.url));
  const readmePath = path.join(root, 'README.md');
  const table = renderConfigTable(readFileSync(path.join(root, '.env.example'), 'utf8'));
  writeFileSync(readmePath, withConfigTable(readFileSync(readmePath, 'utf8'), table));
  // Biome formats Markdown too: let it align the columns, as npm run lint expects.
  execFileSync(path.join(root, 'node_modules/.bin/biome'), ['format', '--write', readmePath], {
    stdio: 'inherit',
  });
  process.stdout.write('README.md: configuration table generated from .env.example\n');
}
