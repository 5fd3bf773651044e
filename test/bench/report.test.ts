import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { readPreviousRun, saveRun, summaryTable } from '../../bench/report.js';
import type { BenchResult } from '../../bench/stats.js';

const dir = mkdtempSync(path.join(tmpdir(), 'ct-bench-report-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const resultsDir = pathToFileURL(`${dir}/`);

const digest: BenchResult = {
  name: 'digest send, 10,000 subscribers (PGlite)',
  value: 620,
  unit: 'msg/s',
  anchor: 'raw nodemailer',
  anchorValue: 1000,
  target: '>= 0.6x',
  met: true,
  peakRssMB: 500,
};

describe('the bench summary table and saved runs', () => {
  it('puts each figure beside its anchor with the ratio, target and whether it was met', () => {
    const table = summaryTable(
      [digest, { name: 'retrieval quality', hitAt1: 0.9 }, { name: 'warm start', value: 1500, unit: 'ms' }],
      null,
    ).split('\n');
    expect(table[0]).toBe('| what | this project | anchor/floor | ratio | target | met |');
    expect(table[2]).toBe(
      '| digest send, 10,000 subscribers (PGlite) | 620 msg/s | 1,000 msg/s (raw nodemailer) | 0.62x | >= 0.6x | yes |',
    );
    // A result without a value stays out of the table; one without an anchor has empty cells.
    expect(table).toHaveLength(4);
    expect(table[3]).toBe('| warm start | 1,500 ms |  |  |  |  |');
  });

  it('saves a timestamped file and latest.json, and compares the next run with it', () => {
    expect(readPreviousRun(resultsDir)).toBeNull();
    saveRun(resultsDir, { at: '2026-12-01T07:00:00.123Z', node: 'v20', results: [digest] });
    expect(readdirSync(dir).sort()).toEqual(['2026-12-01T07-00-00Z.json', 'latest.json']);
    const previous = readPreviousRun(resultsDir);
    expect(previous?.results[0]).toEqual(digest);
    const table = summaryTable([{ ...digest, value: 700, met: true }], previous).split('\n');
    expect(table[0]).toContain('| previous run (2026-12-01T07:00) |');
    expect(table[2]).toMatch(/\| 700 msg\/s \| .* \| 0.7x \| .* \| 620 msg\/s, 0.62x \|$/);
  });
});
