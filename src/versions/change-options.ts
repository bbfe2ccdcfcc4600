/** Options of a registry change (register, promote, rollback), in a file of its own so watch and registry share it. */

/** Who made a change and why; shown in history and as the decision's `by` and `reason`. */
export interface ChangeOptions {
  /** Defaults to `'versions'`. */
  by?: string;
  reason?: string;
}
