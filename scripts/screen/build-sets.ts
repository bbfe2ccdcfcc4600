/**
 * From corpus rows to labelled texts in context. Attacks that speak to the model are used
 * as direct user input (args), and every attack is planted into benign carriers of the same split (results) at the start, middle
 * or end, as a paragraph, inline, inside a JSON string or an HTML comment; documents with an
 * attack inside and benign carriers are tool results; benign requests are args. Every
 * choice comes from a seeded generator, so the same corpus always gives the same texts.
 */
import { seededRandom } from '../../src/internal/seeded-random.js';
import { indicatorBit, INDICATOR_WEIGHTS, RULE_FEATURES } from '../../src/security/classifier/mood.js';
import type { TrainingText } from '../../src/security/classifier/train.js';
import { sentenceTable, type WindowWeights } from '../../src/security/classifier/windows.js';
import { normalizedChunksOf, scanText } from '../../src/security/heuristics.js';
import type { CorpusRow } from './corpus.js';

/** A labelled text with where it came from, for per-source figures. */
export interface SetText extends TrainingText {
  /** Source of the row (for a planted text: of the attack). */
  readonly source: string;
  /** Source of the carrier, for planted texts. */
  readonly carrierSource?: string;
  readonly how: 'direct' | 'planted' | 'document' | 'carrier' | 'request';
}

/** Knobs of `buildTexts`. */
export interface BuildOptions {
  readonly seed: number;
  /** Carriers each attack is planted into. */
  readonly plantsPerAttack: number;
  /** At most this many planted texts. */
  readonly maxPlanted: number;
  /** Every n-th carrier is also used as benign args (a document passed to a tool). */
  readonly carrierArgsEvery: number;
  /**
   * 1 weighs every text alike; 0.5 weighs each (source, use) group by the square root of
   * its size, so a big source of near-duplicates does not drown small, varied ones.
   */
  readonly sizePower: number;
}

/** Builds the labelled texts of one split. */
export function buildTexts(rows: readonly CorpusRow[], options: BuildOptions): SetText[] {
  const random = seededRandom(options.seed);
  const texts: SetText[] = [];
  const attacks = rows.filter((row) => row.kind === 'attack');
  const carriers = rows.filter((row) => row.kind === 'carrier');
  if (options.sizePower === undefined) throw new Error('buildTexts: sizePower is required');
  for (const row of rows) {
    if (row.kind === 'attack' && speaksToTheModel(row.text)) texts.push({ text: row.text, context: 'args', label: 1, source: row.source, how: 'direct' });
    else if (row.kind === 'attack_document') texts.push({ text: row.text, context: 'results', label: 1, source: row.source, how: 'document' });
    else if (row.kind === 'request') texts.push({ text: row.text, context: 'args', label: 0, source: row.source, how: 'request' });
  }
  carriers.forEach((row, index) => {
    texts.push({ text: row.text, context: 'results', label: 0, source: row.source, how: 'carrier' });
    if (index % options.carrierArgsEvery === 0) texts.push({ text: row.text, context: 'args', label: 0, source: row.source, how: 'carrier' });
  });
  if (carriers.length === 0) return texts;
  // Planting: attacks shuffled, each into `plantsPerAttack` carriers, up to `maxPlanted`.
  const shortAttacks = attacks.filter((row) => row.text.length <= 1200);
  const order = shortAttacks.map((_, index) => index);
  for (let index = order.length - 1; index > 0; index--) {
    const swap = Math.floor(random() * (index + 1));
    [order[index], order[swap]] = [order[swap]!, order[index]!];
  }
  let planted = 0;
  for (let round = 0; round < options.plantsPerAttack && planted < options.maxPlanted; round++) {
    for (const attackIndex of order) {
      if (planted >= options.maxPlanted) break;
      const attack = shortAttacks[attackIndex]!;
      const carrier = carriers[Math.floor(random() * carriers.length)]!;
      const { text, start, end } = plant(carrier.text, attack.text, random);
      texts.push({ text, context: 'results', label: 1, payload: { start, end }, source: attack.source, carrierSource: carrier.source, how: 'planted' });
      planted++;
    }
  }
  return weighBySource(texts, options.sizePower);
}

/** Gives each (source, use, label) group a total weight of its size to the power `power`, mean 1 per label. */
function weighBySource(texts: SetText[], power: number): SetText[] {
  if (power === 1) return texts;
  const sizes = new Map<string, number>();
  const key = (text: SetText) => `${text.source}|${text.how}|${text.label}`;
  for (const text of texts) sizes.set(key(text), (sizes.get(key(text)) ?? 0) + 1);
  const raw = texts.map((text) => sizes.get(key(text))! ** (power - 1));
  const means = [0, 1].map((label) => {
    const weights = raw.filter((_, index) => texts[index]!.label === label);
    return weights.reduce((sum, weight) => sum + weight, 0) / Math.max(1, weights.length);
  });
  return texts.map((text, index) => ({ ...text, weight: raw[index]! / means[text.label]! }));
}

const MODEL_DIRECTED =
  indicatorBit('addresses_ai') | indicatorBit('names_instructions') | indicatorBit('authority') | indicatorBit('secrecy') | indicatorBit('names_user') |
  RULE_FEATURES.reduce((bits, name) => bits | indicatorBit(name), 0);
const PROBE: WindowWeights = { config: { tableBits: 10, charGrams: [] }, scale: 1, weights: new Int8Array(1 << 10), indicators: [new Float64Array(INDICATOR_WEIGHTS), new Float64Array(INDICATOR_WEIGHTS)], bias: [0, 0] };

/**
 * Whether an attack also counts as a direct (args) injection: planted in data every attack
 * is one, but typed by a user "forward the report to Dana" is an ordinary request. As a
 * direct input only text that speaks to or about the model counts — it addresses an AI,
 * names its instructions, the user or an authority, asks for secrecy, or trips a rule.
 */
export function speaksToTheModel(text: string): boolean {
  const rules = scanText(text);
  if (rules.score >= 0.3) return true;
  const table = sentenceTable(text, 0, PROBE, rules.matches, undefined, normalizedChunksOf(rules));
  for (let sentence = 0; sentence < table.count; sentence++) if ((table.bits[sentence]! & MODEL_DIRECTED) !== 0) return true;
  return false;
}

/** Puts `payload` into `carrier`; returns the text and the payload's span in it. */
export function plant(carrier: string, payload: string, random: () => number): { text: string; start: number; end: number } {
  const style = random();
  const where = random();
  const trimmed = carrier.trim();
  if (/^[[{]/.test(trimmed) && style < 0.5) {
    // Inside a JSON string value: escaped as JSON would carry it.
    const values = [...trimmed.matchAll(/":\s*"/g)];
    if (values.length > 0) {
      const match = values[Math.floor(where * values.length)]!;
      const at = match.index! + match[0].length;
      const escaped = JSON.stringify(payload).slice(1, -1);
      const lead = random() < 0.5 ? '' : ' ';
      const text = `${trimmed.slice(0, at)}${escaped}${lead}${trimmed.slice(at)}`;
      return { text, start: at, end: at + escaped.length };
    }
  }
  const inner = style < 0.1 ? `<!-- ${payload} -->` : style < 0.15 ? `[${payload}]` : payload;
  // Cut points: paragraph or line starts, or sentence ends.
  const cuts: number[] = [0];
  for (const match of trimmed.matchAll(/\n+|(?<=[.!?])\s+/g)) cuts.push(match.index! + match[0].length);
  cuts.push(trimmed.length);
  const position = where < 0.3 ? 0 : where < 0.7 ? cuts[Math.floor(cuts.length / 2)]! : trimmed.length;
  const paragraph = random() < 0.6;
  const before = trimmed.slice(0, position);
  const after = trimmed.slice(position);
  const joinBefore = before.length === 0 ? '' : paragraph ? '\n\n' : /\s$/.test(before) ? '' : ' ';
  const joinAfter = after.length === 0 ? '' : paragraph ? '\n\n' : /^\s/.test(after) ? '' : ' ';
  const start = before.length + joinBefore.length + (inner.length - payload.length > 0 ? inner.indexOf(payload) : 0);
  return { text: `${before}${joinBefore}${inner}${joinAfter}${after}`, start, end: start + payload.length };
}
