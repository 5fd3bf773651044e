import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { type BenchResult, ratioOf } from './stats.js';

/** What `npm run bench` saves under bench/results/. */
export interface SavedRun {
  at: string;
  node: string;
  results: BenchResult[];
}

const fmt = (n: number | undefined, unit = '') =>
  n === undefined ? '' : `${n.toLocaleString('en', { maximumFractionDigits: 2 })}${unit ? ` ${unit}` : ''}`;

/**
 * The summary table: each result that has a `value`, beside its anchor or
 * floor from the same run, the ratio, the target and whether it was met,
 * and, when a previous run saved the same row, that run's value.
 */
export function summaryTable(results: BenchResult[], previous: SavedRun | null): string {
  const before = new Map(previous?.results.map((r) => [r.name, r]) ?? []);
  const header = ['what', 'this project', 'anchor/floor', 'ratio', 'target', 'met'];
  if (previous) header.push(`previous run (${previous.at.slice(0, 16)})`);
  const rows = results
    .filter((r) => typeof r.value === 'number')
    .map((r) => {
      const ratio = r.ratio ?? ratioOf(r.value, r.anchorValue);
      const row = [
        r.name,
        fmt(r.value, r.unit),
        r.anchorValue === undefined
          ? (r.anchor ?? '')
          : `${fmt(r.anchorValue, r.unit)} (${r.anchor ?? 'anchor'})`,
        ratio === undefined ? '' : `${ratio}x`,
        r.target ?? '',
        r.met === undefined ? '' : r.met ? 'yes' : 'NO',
      ];
      if (previous) {
        const old = before.get(r.name);
        const oldRatio = old ? (old.ratio ?? ratioOf(old.value, old.anchorValue)) : undefined;
        row.push(
          old?.value === undefined
            ? '—'
            : `${fmt(old.value, old.unit)}${oldRatio === undefined ? '' : `, ${oldRatio}x`}`,
        );
      }
      return row;
    });
  const line = (cells: string[]) => `| ${cells.map((c) => c.replaceAll('|', '\\|')).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** The run saved last (bench/results/latest.json), or null when there is none or it is unreadable. */
export function readPreviousRun(dir: URL): SavedRun | null {
  const latest = new URL('latest.json', dir);
  if (!existsSync(latest)) return null;
  try {
    return JSON.parse(readFileSync(latest, 'utf8')) as SavedRun;
  } catch {
    return null;
  }
}

/** Writes the run as bench/results/<timestamp>.json and latest.json; returns the timestamped file. */
export function saveRun(dir: URL, run: SavedRun): URL {
  mkdirSync(dir, { recursive: true });
  const file = new URL(`${run.at.replaceAll(':', '-').replace(/\.\d+Z$/, 'Z')}.json`, dir);
  const text = JSON.stringify(run, null, 2);
  writeFileSync(file, text);
  writeFileSync(new URL('latest.json', dir), text);
  return file;
}
