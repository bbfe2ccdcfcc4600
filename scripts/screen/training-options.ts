/** Every knob of the shipped screen model, and the two labelled sets built from the corpus. */
import type { TrainOptions } from '../../src/security/classifier/train.js';
import { buildTexts, type BuildOptions, type SetText } from './build-sets.js';
import { readSource, readSources, type CorpusRow } from './corpus.js';

/** Training and set-building options of the shipped model. */
export const SHIPPED_TRAINING: TrainOptions & { readonly build: BuildOptions } = {
  config: { tableBits: 20, charGrams: [4] },
  epochs: 6,
  seed: 20261204,
  learningRate: 0.1,
  l2: 1e-6,
  contentDropout: 0,
  build: { seed: 7, plantsPerAttack: 2, maxPlanted: 12_000, carrierArgsEvery: 3, sizePower: 1 },
};

/**
 * The options in force: the shipped ones, changed by `--set key=value` arguments for
 * experiments (`--set epochs=10 --set charGrams=3,5 --set plantsPerAttack=3`).
 */
export const TRAINING: TrainOptions & { readonly build: BuildOptions } = withOverrides(SHIPPED_TRAINING, process.argv.slice(2));

function withOverrides(base: TrainOptions & { readonly build: BuildOptions }, args: readonly string[]): TrainOptions & { readonly build: BuildOptions } {
  let options = { ...base, config: { ...base.config }, build: { ...base.build } };
  args.forEach((arg, index) => {
    if (arg !== '--set') return;
    const [key, value] = (args[index + 1] ?? '').split('=') as [string, string];
    if (key === 'charGrams') options.config = { ...options.config, charGrams: value ? value.split(',').map(Number) : [] };
    else if (key === 'tableBits') options.config = { ...options.config, tableBits: Number(value) };
    else if (key in options.build) options.build = { ...options.build, [key]: Number(value) };
    else if (key in options) options = { ...options, [key]: Number(value) };
    else throw new Error(`--set: unknown training option ${key}`);
  });
  return options;
}

/** Rows of every source in `split`, in manifest order. */
export function rowsOf(split: 'train' | 'validation'): CorpusRow[] {
  return readSources()
    .filter((source) => source.split === split)
    .flatMap((source) => readSource(source.id));
}

/** Text as compared across sources: lower case, whitespace runs folded. */
function duplicateKey(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ').trim();
}

/**
 * The labelled texts of a split, as training and the report build them. Validation rows
 * whose text also occurs in a training source (public attack lists copy each other) are
 * dropped, so validation never scores a text the model trained on.
 */
export function setTexts(split: 'train' | 'validation'): SetText[] {
  const build = TRAINING.build;
  if (split === 'train') return buildTexts(rowsOf('train'), build);
  const seen = new Set(rowsOf('train').map((row) => duplicateKey(row.text)));
  const rows = rowsOf('validation').filter((row) => !seen.has(duplicateKey(row.text)));
  return buildTexts(rows, { ...build, seed: build.seed + 1 });
}
