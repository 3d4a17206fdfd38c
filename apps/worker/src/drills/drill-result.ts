/** What every drill returns to the soak runner: one line of its report. */
export interface DrillResult<F extends object> {
  name: string;
  /** What was done, in a sentence. */
  tried: string;
  /** True when every figure is as it must be. */
  ok: boolean;
  figures: F;
}
