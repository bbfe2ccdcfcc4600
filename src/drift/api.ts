/** `warden.drift`: what a `driftMonitor` offers on the warden. */
import type { DriftAlarm } from './alarm.js';
import type { DriftStatus } from './engine.js';
import type { DriftSnapshot } from './snapshot.js';

/** What `warden.drift` offers once a `driftMonitor` is attached. */
export interface DriftApi {
  /** Learned baselines per version, as JSON; pass back as `driftMonitor({ baseline: { snapshot } })`. */
  snapshot(): DriftSnapshot;
  /** Per version and metric: warm-up, monitoring or degenerate, with the baseline. */
  status(): DriftStatus[];
  /** Alarms raised so far (the last 100), oldest first. */
  alarms(): DriftAlarm[];
}
