/**
 * From a raw margin to the screen's score in [0, 1]. Each context has three anchors, the
 * margins at which the model's false-positive rate on the validation sources was 5 %, 2 %
 * and 0.5 %; they map to the fixed scores 0.35, 0.5 and 0.7, linearly in between and along
 * logistic tails outside. So a score means the same in both contexts ("0.5: as likely as
 * the 2 %-FPR line"), even though raw margins of args and of results sit on different scales.
 */
import type { CalibrationAnchors } from './model-file.js';

/** How readily the screen flags text: `high` flags most (higher recall, more false alarms). */
export type Sensitivity = 'low' | 'balanced' | 'high';

/** Score at which each sensitivity flags, and the validation FPR it was calibrated to. */
export const SENSITIVITY: Readonly<Record<Sensitivity, { readonly threshold: number; readonly targetFpr: number }>> = {
  high: { threshold: 0.35, targetFpr: 0.05 },
  balanced: { threshold: 0.5, targetFpr: 0.02 },
  low: { threshold: 0.7, targetFpr: 0.005 },
};

function sigmoid(value: number): number {
  return 1 / (1 + Math.exp(-value));
}

/** Calibrated score of `margin` under `anchors`; monotone, continuous, in [0, 1]. */
export function calibrate(margin: number, anchors: CalibrationAnchors): number {
  const high = anchors.high;
  const balanced = Math.max(anchors.balanced, high + 1e-9);
  const low = Math.max(anchors.low, balanced + 1e-9);
  let score: number;
  if (margin <= high) score = SENSITIVITY.high.threshold * 2 * sigmoid(margin - high);
  else if (margin <= balanced) score = lerp(margin, high, balanced, SENSITIVITY.high.threshold, SENSITIVITY.balanced.threshold);
  else if (margin <= low) score = lerp(margin, balanced, low, SENSITIVITY.balanced.threshold, SENSITIVITY.low.threshold);
  else score = SENSITIVITY.low.threshold + (1 - SENSITIVITY.low.threshold) * (2 * sigmoid(margin - low) - 1);
  // Not rounded: a margin just under an anchor must stay just under its line.
  return Math.min(1, Math.max(0, score));
}

function lerp(value: number, from: number, to: number, scoreFrom: number, scoreTo: number): number {
  return scoreFrom + ((value - from) / (to - from)) * (scoreTo - scoreFrom);
}
