/** Label names to values for one series. */
export type Labels = Record<string, string>;

/** A monotonically increasing count. */
export interface Counter {
  inc(labels?: Labels, by?: number): void;
}

/** A distribution in cumulative buckets, plus its sum and count. */
export interface Histogram {
  observe(labels: Labels, value: number): void;
}

/** One sample of a value read when scraped (e.g. deliveries by status from the database). */
export interface GaugeSample {
  labels: Labels;
  value: number;
}

/**
 * A small Prometheus registry for this process: counters and histograms kept
 * in memory, gauges read at scrape time or from a background snapshot.
 * Enough for the handful of series the service exposes without another dependency.
 */
export interface MetricsRegistry {
  counter(name: string, help: string): Counter;
  histogram(name: string, help: string, buckets: readonly number[]): Histogram;
  /** Registers a gauge whose samples are collected on every scrape (again: replaces the collector); a failing collector leaves the gauge out of the scrape. */
  gauge(name: string, help: string, collect: () => Promise<GaugeSample[]>): void;
  /**
   * Registers a gauge computed in the background: scrapes show the samples
   * of the last {@link MetricsRegistry.refreshSnapshots} (nothing before the
   * first). For figures a request could move, such as subscribers by
   * status: a scrape must not show the effect of one visitor's request.
   */
  snapshotGauge(name: string, help: string, collect: () => Promise<GaugeSample[]>): void;
  /** Recomputes every snapshot gauge; a failing collector leaves its gauge out until a refresh succeeds. */
  refreshSnapshots(): Promise<void>;
  /** The Prometheus text exposition format (version 0.0.4). */
  render(): Promise<string>;
}

type Family =
  | { kind: 'counter'; help: string; series: Map<string, { labels: Labels; value: number }> }
  | {
      kind: 'histogram';
      help: string;
      buckets: readonly number[];
      series: Map<string, { labels: Labels; counts: number[]; sum: number; count: number }>;
    }
  | { kind: 'gauge'; help: string; collect: () => Promise<GaugeSample[]> }
  | {
      kind: 'snapshot';
      help: string;
      collect: () => Promise<GaugeSample[]>;
      samples: GaugeSample[] | null;
    };

/** Creates an empty registry. */
export function createMetricsRegistry(): MetricsRegistry {
  const families = new Map<string, Family>();
  const define = <F extends Family>(name: string, family: F): F => {
    if (!/^[a-zA-Z_:][a-zA-Z0-9_:]*$/.test(name)) throw new Error(`invalid metric name ${name}`);
    if (families.has(name)) throw new Error(`metric ${name} is already registered`);
    families.set(name, family);
    return family;
  };
  return {
    counter(name, help) {
      const family = define(name, { kind: 'counter', help, series: new Map() });
      return {
        inc(labels = {}, by = 1) {
          const key = seriesKey(labels);
          const series = family.series.get(key) ?? { labels, value: 0 };
          series.value += by;
          family.series.set(key, series);
        },
      };
    },
    histogram(name, help, buckets) {
      const sorted = [...buckets].sort((a, b) => a - b);
      const family = define(name, { kind: 'histogram', help, buckets: sorted, series: new Map() });
      return {
        observe(labels, value) {
          const key = seriesKey(labels);
          const series = family.series.get(key) ?? { labels, counts: sorted.map(() => 0), sum: 0, count: 0 };
          sorted.forEach((bound, i) => {
            if (value <= bound) series.counts[i]! += 1;
          });
          series.sum += value;
          series.count += 1;
          family.series.set(key, series);
        },
      };
    },
    gauge(name, help, collect) {
      if (families.get(name)?.kind === 'gauge') families.delete(name);
      define(name, { kind: 'gauge', help, collect });
    },
    snapshotGauge(name, help, collect) {
      define(name, { kind: 'snapshot', help, collect, samples: null });
    },
    async refreshSnapshots() {
      for (const family of families.values()) {
        if (family.kind !== 'snapshot') continue;
        family.samples = await family.collect().catch(() => null);
      }
    },
    async render() {
      const out: string[] = [];
      for (const [name, family] of families) {
        if (family.kind === 'gauge' || family.kind === 'snapshot') {
          const samples = family.kind === 'gauge' ? await family.collect().catch(() => null) : family.samples;
          // A broken collector (database down) must not break the whole scrape; its absence is the signal.
          if (!samples) continue;
          out.push(`# HELP ${name} ${escapeHelp(family.help)}`, `# TYPE ${name} gauge`);
          for (const s of samples) out.push(`${name}${formatLabels(s.labels)} ${formatNumber(s.value)}`);
          continue;
        }
        out.push(`# HELP ${name} ${escapeHelp(family.help)}`, `# TYPE ${name} ${family.kind}`);
        if (family.kind === 'counter') {
          for (const s of family.series.values())
            out.push(`${name}${formatLabels(s.labels)} ${formatNumber(s.value)}`);
        } else {
          for (const s of family.series.values()) {
            for (const [i, bound] of family.buckets.entries()) {
              out.push(
                `${name}_bucket${formatLabels({ ...s.labels, le: formatNumber(bound) })} ${s.counts[i]}`,
              );
            }
            out.push(`${name}_bucket${formatLabels({ ...s.labels, le: '+Inf' })} ${s.count}`);
            out.push(`${name}_sum${formatLabels(s.labels)} ${formatNumber(s.sum)}`);
            out.push(`${name}_count${formatLabels(s.labels)} ${s.count}`);
          }
        }
      }
      return `${out.join('\n')}\n`;
    },
  };
}

function seriesKey(labels: Labels): string {
  return JSON.stringify(Object.entries(labels).sort(([a], [b]) => a.localeCompare(b)));
}

function formatLabels(labels: Labels): string {
  const entries = Object.entries(labels);
  if (entries.length === 0) return '';
  return `{${entries.map(([k, v]) => `${k}="${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`).join(',')}}`;
}

function escapeHelp(help: string): string {
  return help.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

function formatNumber(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  return String(value);
}
