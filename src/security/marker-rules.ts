/**
 * Turns literal markers into weighted matches: chat-template tokens, role tags and
 * headers, fake end-of-output markers followed by a role line, role-play transcripts,
 * Chinese/Japanese/Korean override phrases (verb and object near each other), and hidden
 * HTML/CSS regions that hold other suspicious text. Linear: each marker looks at a
 * bounded neighbourhood of markers or characters.
 */
import type { MarkerHit } from './markers.js';
import type { RawMatch } from './phrase-rules.js';

const HIDDEN_REACH = 600;

/** Matches from `hits` in `text` (normalised); `phrase` are the phrase-rule matches. */
export function markerMatches(text: string, hits: readonly MarkerHit[], phrase: readonly RawMatch[]): RawMatch[] {
  const matches: RawMatch[] = [];
  const add = (rule: string, family: RawMatch['family'], start: number, end: number, weight: number) => matches.push({ rule, family, start, end, weight });
  let sawInstructionHeader = false;
  let humanLine: MarkerHit | undefined;
  // Where the next "-->" is; -1 once none is left, so unclosed comments stay linear.
  let nextClose = -2;
  for (let index = 0; index < hits.length; index++) {
    const hit = hits[index]!;
    switch (hit.kind) {
      case 'chat_template':
        add('chat_template_token', 'template', hit.start, hit.end, 0.9);
        break;
      case 'role_tag':
        add('role_tag', 'template', hit.start, hit.end, 0.7);
        break;
      case 'instruction_header':
        sawInstructionHeader = true;
        add('instruction_header', 'template', hit.start, hit.end, 0.65);
        break;
      case 'response_header':
        add('response_header', 'template', hit.start, hit.end, sawInstructionHeader ? 0.6 : 0.25);
        break;
      case 'end_marker':
      case 'end_tag': {
        const decorated = hit.kind === 'end_tag' || isDecorated(text, hit.start, hit.end);
        const role = followingRole(hits, index, hit.end);
        if (role) add('fake_end_marker', 'end_marker', hit.start, role.end, 0.85);
        else if (decorated) add('fake_end_marker', 'end_marker', hit.start, hit.end, 0.45);
        break;
      }
      case 'role_line': {
        if (!atLineStart(text, hit.start)) break;
        const role = hit.literal.replace(/[\s:]/g, '');
        if (role === 'human' || role === 'user') humanLine = hit;
        else if (role === 'assistant' && humanLine) add('fake_transcript', 'role', humanLine.start, hit.end, 0.75);
        else add('role_line', 'role', hit.start, hit.end, role === 'system' || role === 'developer' || role === 'admin' ? 0.45 : 0.25);
        break;
      }
      case 'hidden_comment': {
        if (nextClose !== -1 && nextClose < hit.end) nextClose = text.indexOf('-->', hit.end);
        const close = nextClose;
        const end = close === -1 ? Math.min(text.length, hit.end + HIDDEN_REACH) : close + 3;
        if (holdsSuspicious(phrase, hit.start, end)) add('hidden_html_comment', 'hidden', hit.start, end, 0.4);
        break;
      }
      case 'hidden_css': {
        const end = Math.min(text.length, hit.end + HIDDEN_REACH);
        if (holdsSuspicious(phrase, hit.start, end)) add('hidden_css_text', 'hidden', hit.start, end, 0.4);
        break;
      }
      case 'cjk_override_verb': {
        const object = nearbyKind(hits, index, 'cjk_instruction_object', 14);
        if (object) add('override_instructions', 'multilingual', Math.min(hit.start, object.start), Math.max(hit.end, object.end), 0.85);
        break;
      }
      case 'cjk_phrase':
        add('role_reassignment', 'multilingual', hit.start, hit.end, 0.55);
        break;
      case 'jailbreak_phrase':
        add('jailbreak_phrase', 'jailbreak', hit.start, hit.end, 0.65);
        break;
      case 'cjk_instruction_object':
        break;
    }
  }
  return matches;
}

function isDecorated(text: string, start: number, end: number): boolean {
  const decoration = '-=#*[]<>|()_~';
  for (let index = Math.max(0, start - 4); index < start; index++) if (decoration.includes(text[index]!)) return true;
  for (let index = end; index < Math.min(text.length, end + 4); index++) if (decoration.includes(text[index]!)) return true;
  return false;
}

function followingRole(hits: readonly MarkerHit[], index: number, end: number): MarkerHit | undefined {
  for (let next = index + 1; next < hits.length && next <= index + 3; next++) {
    const hit = hits[next]!;
    if (hit.start - end > 80) return undefined;
    if (hit.kind === 'role_line' || hit.kind === 'role_tag' || hit.kind === 'chat_template' || hit.kind === 'instruction_header') return hit;
  }
  return undefined;
}

/** Start of text, after a newline (real or a literal `\n`), or after a marker's decoration. */
function atLineStart(text: string, start: number): boolean {
  if (start > 1 && text[start - 1] === 'n' && text[start - 2] === '\\') return true;
  if (start > 0 && /[a-z0-9_]/.test(text[start - 1]!)) return false;
  for (let index = start - 1; index >= 0 && index >= start - 6; index--) {
    const char = text[index]!;
    if (char === ' ' || char === '\t' || char === '\r') continue;
    return char === '\n' || (char === 'n' && text[index - 1] === '\\') || '-=#*>]|}.'.includes(char);
  }
  return start <= 6 && text.slice(0, start).trim() === '';
}

function nearbyKind(hits: readonly MarkerHit[], index: number, kind: MarkerHit['kind'], reach: number): MarkerHit | undefined {
  const hit = hits[index]!;
  for (let other = Math.max(0, index - 4); other < Math.min(hits.length, index + 5); other++) {
    const candidate = hits[other]!;
    if (candidate.kind === kind && Math.abs(candidate.start - hit.start) <= reach) return candidate;
  }
  return undefined;
}

function holdsSuspicious(phrase: readonly RawMatch[], start: number, end: number): boolean {
  // Phrase matches are in text order; a binary search keeps this logarithmic per region.
  let low = 0;
  let high = phrase.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (phrase[middle]!.start < start) low = middle + 1;
    else high = middle;
  }
  for (let index = low; index < phrase.length && phrase[index]!.start < end; index++) if (phrase[index]!.weight >= 0.35) return true;
  return false;
}
