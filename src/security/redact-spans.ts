/**
 * Replaces matched spans of a text. With `scope: 'sentence'` each span grows to the
 * sentence around it (bounded), so the rest of an injected instruction goes too.
 */
import type { ScreenMatch } from './types.js';

/** How far a span may grow to reach a sentence boundary, each side. */
const SENTENCE_REACH = 400;

/** `text` with the spans of `matches` replaced by `replacement`. */
export function redactSpans(text: string, matches: readonly Pick<ScreenMatch, 'start' | 'end'>[], replacement: string, scope: 'match' | 'sentence' = 'sentence'): string {
  const spans = matches
    .map((match) => (scope === 'sentence' ? sentenceAround(text, match.start, match.end) : [match.start, match.end] as const))
    .filter(([start, end]) => end > start)
    .sort((a, b) => a[0] - b[0]);
  let result = '';
  let cursor = 0;
  let open: [number, number] | undefined;
  for (const [start, end] of spans) {
    if (open && start <= open[1]) {
      open[1] = Math.max(open[1], end);
      continue;
    }
    if (open) {
      result += text.slice(cursor, open[0]) + replacement;
      cursor = open[1];
    }
    open = [start, end];
  }
  if (open) {
    result += text.slice(cursor, open[0]) + replacement;
    cursor = open[1];
  }
  return result + text.slice(cursor);
}

function sentenceAround(text: string, start: number, end: number): readonly [number, number] {
  let from = start;
  while (from > 0 && start - from < SENTENCE_REACH && !isBoundary(text, from - 1)) from--;
  let to = end;
  while (to < text.length && to - end < SENTENCE_REACH && !isBoundary(text, to)) to++;
  if (to < text.length && '.!?'.includes(text[to]!)) to++;
  while (from < start && /\s/.test(text[from]!)) from++;
  return [from, to];
}

function isBoundary(text: string, index: number): boolean {
  const char = text[index]!;
  if (char === '\n' || char === '。' || char === '！' || char === '？') return true;
  if (char === '.' || char === '!' || char === '?') return index + 1 >= text.length || /\s/.test(text[index + 1]!);
  return false;
}
