/** What a drill reports: one row of `pnpm soak`'s table. */
export interface DrillResult {
  name: string;
  /** What it did, in a phrase (e.g. "200 dashboard sessions + 20 inspectors for 120 s"). */
  tried: string;
  ok: boolean;
  figures: Record<string, number | string>;
}

/** An entry of the list in drills.ts. */
export interface Drill {
  name: string;
  /** What it checks, in a sentence. */
  what: string;
  run(): Promise<DrillResult>;
}
