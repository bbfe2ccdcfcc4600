/**
 * Where the phrase rules need to look. Long texts are not tokenised word by word: one
 * native regular expression (escaped literals and character classes only, no quantifiers)
 * finds anchor words (override verbs, instruction nouns, AI nouns, secrets, safeguards,
 * jailbreak words, with leetspeak letter classes), and only regions around anchors are
 * tokenised. Texts with Greek or Cyrillic letters (look-alikes) or with words split by
 * spacing tricks are tokenised whole. Either way the work is linear in the text length.
 */
import { LEXICON, Part } from './lexicon.js';

/** Texts up to this many characters are always tokenised whole. */
export const FULL_SCAN_BELOW = 4096;
const REACH_BACK = 100;
const REACH_AHEAD = 220;

// Safeguard nouns (approval, review...) are common in business text; their rules anchor on the
// verbs and values around them instead (disable, bypass, false, disabled).
const ANCHOR_PARTS = Part.override | Part.instructions | Part.ai | Part.secret | Part.jailbreak | Part.follow;
const EXTRA_ANCHORS = [
  'task', 'role', 'goal', 'objective', 'persona', 'identity', 'purpose', 'mission', 'criteria', 'mode', 'refuse', 'without', 'decode', 'base64', 'rot13',
  'encoded', 'repeat', 'recite', 'disable', 'deactivate', 'suspend', 'turn off', 'switch off', 'waive', 'false', 'guardrail', 'safeguard', 'moderation', '2fa', 'mfa', 'pretend', 'happened', 'restrictions', 'limits', 'boundaries', 'ethics', 'morals', 'restraints', 'limitations',
  'you are now', 'you are no longer', 'from now on', 'from this point', 'from here on', 'i am your', 'this is your', 'ahora eres', 'tu es maintenant',
  'vous etes maintenant', 'du bist', 'ab jetzt', 'ora sei', 'agora voce', 'davor', 'zuvor', 'anterior', 'above',
];
const LEET: Record<string, string> = { a: '[a4@]', e: '[e3]', i: '[i1!|l]', o: '[o0]', s: '[s5$]', t: '[t7]', g: '[g9]', l: '[l1|]' };
const LEET_STEMS = ['ignor', 'disregard', 'forget', 'instruction', 'previous', 'bypass', 'override', 'system', 'prompt', 'jailbreak'];

const escape = (literal: string) => literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const leet = (stem: string) => [...stem].map((char) => LEET[char] ?? escape(char)).join('');

function anchorPattern(): RegExp {
  const words = new Set<string>(EXTRA_ANCHORS);
  for (const [word, parts] of LEXICON) if (parts & ANCHOR_PARTS && /^[a-z0-9 ]+$/.test(word) && word.length >= 2) words.add(word);
  const alternatives = [...words].sort((a, b) => b.length - a.length).map(escape);
  alternatives.push(...LEET_STEMS.map(leet));
  return new RegExp(`(?<![a-z0-9])(?:${alternatives.join('|')})`, 'g');
}

const ANCHOR = anchorPattern();
const LOOKALIKE_SCRIPT = /[\u0370-\u052f]/;
const SPLIT_STEMS = ['ignor', 'disregard', 'instruction', 'previous', 'forget', 'bypass', 'override', 'jailbreak', 'system', 'prompt'];
// Each stem with up to three separators between its letters: `i g n o r`, `igno re`, `i.g.n.o.r`.
// Quantifiers stand one after another, never nested, so matching stays linear.
const SPLIT_PATTERN = new RegExp(SPLIT_STEMS.map((stem) => [...stem].join('[^a-z0-9]{0,3}')).join('|'), 'g');

/**
 * Greek or Cyrillic letters, which may stand for Latin ones: only a whole-text tokenisation
 * sees every look-alike word.
 */
export function hasLookalikeScript(text: string): boolean {
  return LOOKALIKE_SCRIPT.test(text);
}

/**
 * A stem of an override word written with separators between its letters (`igno re`): only a
 * whole-text tokenisation joins every split word.
 */
export function hasSplitStem(text: string): boolean {
  const pattern = new RegExp(SPLIT_PATTERN);
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    if (hasSeparator(match[0])) return true;
  }
  return false;
}

/** A stem found with a separator between its letters (anything but `a-z0-9`). */
function hasSeparator(found: string): boolean {
  for (let index = 0; index < found.length; index++) {
    const code = found.charCodeAt(index);
    if (!((code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39))) return true;
  }
  return false;
}

/**
 * Merged `[start, end)` pairs around anchor words, flattened: `[s0, e0, s1, e1, ...]`.
 * With `maxCovered`, stops and returns `undefined` as soon as the regions cover more than
 * that many characters (the caller then tokenises the whole text instead).
 */
export function anchorRegions(text: string, maxCovered = Number.POSITIVE_INFINITY): number[] | undefined {
  const regions: number[] = [];
  // Characters covered by the regions before the last one.
  let closed = 0;
  const pattern = new RegExp(ANCHOR);
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    const start = wordStart(text, Math.max(0, match.index - REACH_BACK));
    const end = wordEnd(text, Math.min(text.length, match.index + match[0].length + REACH_AHEAD));
    const last = regions.length - 1;
    if (last > 0 && start <= regions[last]!) regions[last] = Math.max(regions[last]!, end);
    else {
      if (last > 0) closed += regions[last]! - regions[last - 1]!;
      regions.push(start, end);
    }
    if (closed + regions[regions.length - 1]! - regions[regions.length - 2]! > maxCovered) return undefined;
    // Anchors before `end - REACH_AHEAD` cannot extend this region: skip them.
    if (end - REACH_AHEAD > pattern.lastIndex) pattern.lastIndex = end - REACH_AHEAD;
  }
  return regions;
}

function wordStart(text: string, index: number): number {
  let position = index;
  for (let steps = 0; position > 0 && steps < 64 && isAlphanumeric(text.charCodeAt(position - 1)); steps++) position--;
  return position;
}

function wordEnd(text: string, index: number): number {
  let position = index;
  for (let steps = 0; position < text.length && steps < 64 && isAlphanumeric(text.charCodeAt(position)); steps++) position++;
  return position;
}

function isAlphanumeric(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39) || code >= 0x80;
}
