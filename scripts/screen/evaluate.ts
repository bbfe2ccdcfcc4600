/**
 * Scoring labelled texts the way `injectionScreen()` does by default — the best of the
 * rules (structural families) and `classifier()` on the same text (`defaultDetectors`) — and the figures the training and
 * report scripts print: recall and FPR by source and by context, a precision–recall table,
 * the worst misses and false alarms.
 */
import { defaultDetectors } from '../../src/security/classifier/default-detectors.js';
import type { ScreenModel } from '../../src/security/classifier/model-file.js';
import type { SetText } from './build-sets.js';

/** A text with its scores. */
export interface ScoredText {
  readonly item: SetText;
  /** What the default screen would use: the higher of the two detectors. */
  readonly score: number;
  readonly learned: number;
  readonly rules: number;
  readonly window: string;
}

/** Scores every text with the default detector pair over `model`. */
export function scoreTexts(texts: readonly SetText[], model: ScreenModel): ScoredText[] {
  const [rules, learned] = defaultDetectors(model);
  return texts.map((item) => {
    const direction = item.context;
    const ruleResult = rules(item.text);
    const learnedResult = learned(item.text, { direction });
    return { item, score: Math.max(ruleResult.score, learnedResult.score), learned: learnedResult.score, rules: ruleResult.score, window: learnedResult.matches[0]?.text ?? '' };
  });
}

/** Recall, FPR and counts of a group at `threshold`. */
export interface GroupFigures {
  readonly positives: number;
  readonly negatives: number;
  readonly truePositives: number;
  readonly falsePositives: number;
}

/** Counts of `scored` at `threshold`. */
export function figures(scored: readonly ScoredText[], threshold: number): GroupFigures {
  let positives = 0;
  let negatives = 0;
  let truePositives = 0;
  let falsePositives = 0;
  for (const entry of scored) {
    const flagged = entry.score >= threshold;
    if (entry.item.label === 1) {
      positives++;
      if (flagged) truePositives++;
    } else {
      negatives++;
      if (flagged) falsePositives++;
    }
  }
  return { positives, negatives, truePositives, falsePositives };
}

const ratio = (a: number, b: number) => (b === 0 ? '    -' : (a / b).toFixed(3));

/** Lines of a per-group table (recall for groups with injections, FPR for benign groups). */
export function groupTable(scored: readonly ScoredText[], threshold: number, keyOf: (entry: ScoredText) => string): string[] {
  const groups = new Map<string, ScoredText[]>();
  for (const entry of scored) {
    const key = keyOf(entry);
    const list = groups.get(key) ?? [];
    list.push(entry);
    groups.set(key, list);
  }
  const lines = [`${'group'.padEnd(58)} ${'texts'.padStart(6)} ${'recall'.padStart(7)} ${'FPR'.padStart(7)}`];
  for (const [key, list] of [...groups].sort(([a], [b]) => a.localeCompare(b))) {
    const counts = figures(list, threshold);
    lines.push(`${key.padEnd(58)} ${String(list.length).padStart(6)} ${ratio(counts.truePositives, counts.positives).padStart(7)} ${ratio(counts.falsePositives, counts.negatives).padStart(7)}`);
  }
  return lines;
}

/** Lines of a precision–recall table over thresholds, per context. */
export function precisionRecallTable(scored: readonly ScoredText[], thresholds: readonly number[]): string[] {
  const lines = [`${'context'.padEnd(8)} ${'thresh'.padStart(6)} ${'precision'.padStart(9)} ${'recall'.padStart(7)} ${'FPR'.padStart(7)}`];
  for (const context of ['args', 'results'] as const) {
    const subset = scored.filter((entry) => entry.item.context === context);
    for (const threshold of thresholds) {
      const counts = figures(subset, threshold);
      lines.push(`${context.padEnd(8)} ${threshold.toFixed(2).padStart(6)} ${ratio(counts.truePositives, counts.truePositives + counts.falsePositives).padStart(9)} ${ratio(counts.truePositives, counts.positives).padStart(7)} ${ratio(counts.falsePositives, counts.negatives).padStart(7)}`);
    }
  }
  return lines;
}

/** The `count` lowest-scoring injections and highest-scoring benign texts. */
export function worst(scored: readonly ScoredText[], count: number): { misses: string[]; falseAlarms: string[] } {
  const show = (entry: ScoredText) =>
    `  ${entry.score.toFixed(2)} [${entry.item.context} ${entry.item.how} ${entry.item.source}] ${entry.item.text.replace(/\s+/g, ' ').slice(0, 150)}`;
  const misses = scored.filter((entry) => entry.item.label === 1).sort((a, b) => a.score - b.score).slice(0, count).map(show);
  const falseAlarms = scored.filter((entry) => entry.item.label === 0).sort((a, b) => b.score - a.score).slice(0, count).map((entry) => `${show(entry)}\n      window: ${entry.window.replace(/\s+/g, ' ').slice(0, 120)}`);
  return { misses, falseAlarms };
}
