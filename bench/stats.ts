/**
 * One benchmark's figures. The optional fields put it in the summary table of
 * `npm run bench`, beside its anchor or floor measured in the same run:
 *
 * - `value` and `unit`: what this project did (e.g. 1234, "msg/s");
 * - `anchor`: what it is compared with (e.g. "raw nodemailer, same pool"),
 *   and `anchorValue`, that measured in the same run, in the same unit;
 * - `ratio`: value / anchorValue (computed by the table when left out);
 * - `target` (e.g. ">= 0.7x", "< 2000 ms") and `met`, whether this run met it.
 *
 * Any other field is printed under the result's name and saved in the JSON.
 */
export type BenchResult = {
  name: string;
  value?: number;
  unit?: string;
  anchor?: string;
  anchorValue?: number;
  ratio?: number;
  target?: string;
  met?: boolean;
} & Record<string, unknown>;

/** The p-th percentile (0-100) of `values`, nearest-rank. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? NaN;
}

/** value / anchor rounded to 0.01 (0.001 below 0.1), or undefined without both. */
export function ratioOf(value: number | undefined, anchor: number | undefined): number | undefined {
  if (value === undefined || anchor === undefined || anchor === 0) return undefined;
  const r = value / anchor;
  return r < 0.1 ? Math.round(r * 1000) / 1000 : Math.round(r * 100) / 100;
}
