/**
 * The default detectors of `injectionScreen()`: the rules, voting with their structural
 * families only, and the learned classifier reading all of the rules' matches. One rules
 * instance serves both, so each text is scanned once. The training script, the report and
 * the bench use this same pair, so the figures they print are the screen's.
 */
import { heuristics, STRUCTURAL_FAMILIES } from '../heuristics.js';
import type { Detector } from '../types.js';
import { classifier, type ClassifierOptions } from './classifier.js';

/** The default pair: `[rules, learned]`. */
export function defaultDetectors(model?: ClassifierOptions['model']): [Detector & ReturnType<typeof heuristics>, ReturnType<typeof classifier>] {
  const rules = heuristics({ families: STRUCTURAL_FAMILIES });
  return [rules, classifier({ rules, ...(model !== undefined && { model }) })];
}
