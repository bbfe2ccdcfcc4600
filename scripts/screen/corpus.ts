/**
 * The learned screen's corpus: `data/screen/corpus/<source>.jsonl.gz`, one row a line
 * (`{ text, label, kind, lang? }`), and `data/screen/sources.json`, which says for each
 * source its family and whether it trains or validates. Splitting by source (never by
 * line) is what makes the validation figures predict unseen attacks and carriers.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

/** What a row is: an attack to use alone or plant, a document with one inside, benign data or a benign request. */
export type RowKind = 'attack' | 'attack_document' | 'carrier' | 'request';

/** One corpus row. */
export interface CorpusRow {
  readonly text: string;
  readonly label: 'injection' | 'benign';
  readonly kind: RowKind;
  readonly lang?: string;
  readonly source: string;
}

/** One entry of `sources.json`. */
export interface SourceEntry {
  readonly id: string;
  readonly family: string;
  readonly split: 'train' | 'validation';
}

/** The repository root. */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The corpus folder. */
export const corpusDir = join(repoRoot, 'data', 'screen');

/** The source manifest. */
export function readSources(): SourceEntry[] {
  return JSON.parse(readFileSync(join(corpusDir, 'sources.json'), 'utf8')) as SourceEntry[];
}

/** Every row of one source, in file order. */
export function readSource(id: string): CorpusRow[] {
  const text = gunzipSync(readFileSync(join(corpusDir, 'corpus', `${id}.jsonl.gz`))).toString('utf8');
  const rows: CorpusRow[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    const row = JSON.parse(line) as Omit<CorpusRow, 'source'>;
    rows.push({ text: row.text, label: row.label, kind: row.kind, ...(row.lang !== undefined && { lang: row.lang }), source: id });
  }
  return rows;
}
