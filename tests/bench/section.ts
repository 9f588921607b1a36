/** One section of `npm run bench`: it measures a ceiling and the project in the same run. */
export interface BenchRow {
  /** What was measured, e.g. "store: 64 concurrent durable appends". */
  name: string;
  /** Throughput in the row's unit per second, or a latency in ms (say which in `unit`). */
  value: number;
  unit: string;
}

export interface SectionResult {
  rows: BenchRow[];
  /** Absolute figures for the JSON output, e.g. `{ commandP99Ms: 12.3 }`. */
  figures?: Record<string, number>;
  /** Store divided by the other (ceiling or peer), e.g. `{ readAllVsCeiling: 0.8 }`. */
  ratios?: Record<string, number>;
  /** Objects written at the top level of $BENCH_OUT under their key, e.g. `{ scale: { rssMbAt1M: 240 } }`. */
  topLevel?: Record<string, Record<string, number>>;
  /** Targets checked on the ratios and figures: printed, never a failing exit. */
  targets?: { name: string; met: boolean; detail: string }[];
}

export interface BenchSection {
  /** Sections run in ascending order. */
  order: number;
  title: string;
  run(): Promise<SectionResult>;
}
