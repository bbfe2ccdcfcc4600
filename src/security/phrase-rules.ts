/**
 * Phrase rules over the known words of a text: each rule starts at an anchor word and
 * looks a bounded number of words ahead (or behind), so the whole pass is linear. Rules are
 * families, not phrases: "override verb + (fillers) + instruction noun" covers "ignore all
 * previous instructions", "disregard your safety rules" and "vergiss alle vorherigen
 * Anweisungen" alike. Spans are in normalised text; `heuristics` maps them back.
 */
import { Part } from './lexicon.js';
import type { Token } from './tokens.js';
import type { DetectorFamily } from './types.js';

/** A rule hit in normalised-text coordinates. */
export interface RawMatch {
  readonly rule: string;
  readonly family: DetectorFamily;
  readonly start: number;
  readonly end: number;
  readonly weight: number;
}

const STRONG_OVERRIDE = new Set(['ignore', 'ignores', 'ignored', 'ignoring', 'disregard', 'disregards', 'disregarding', 'forget', 'forgets', 'forgetting', 'nevermind']);
const STRONG_OBJECTS = new Set(['instructions', 'instruction', 'directions', 'directives', 'directive', 'guidelines', 'prompt', 'prompts', 'programming', 'guardrails', 'rules', 'commands']);
const TASK_OBJECTS = new Set(['task', 'tasks', 'criteria', 'criterion', 'objective', 'objectives', 'goal', 'goals', 'assignment', 'description']);
const AUDIENCE = new Set(['user', 'users', 'customer', 'customers', 'other', 'original', 's']);
const STRONG_AI = new Set(['ai', 'assistant', 'assistants', 'llm', 'llms', 'chatbot', 'chatbots', 'gpt', 'chatgpt', 'claude', 'gemini', 'copilot']);
const AI_TAIL = new Set(['agent', 'agents', 'model', 'models', 'assistant', 'assistants', 'screener', 'summarizer', 'summariser', 'crawler', 'bot', 'bots', 'chatbot']);
const AI_MODIFIERS = new Set(['the', 'an', 'a', 'any', 'all', 'every', 'automated', 'automatic', 'autonomous', 'coding', 'language', 'ai', 'you']);
const VOCATIVE_CUES = new Set(['to', 'for', 'attention', 'dear', 'hey', 'note', 'notice', 'message', 'when', 'if', 'are']);
/** Cues that also appear in plain descriptions ("supplied to a language model"). */
const WEAK_CUES = new Set(['to', 'for', 'when', 'if', 'are']);
const ROLE_CLAIMS = new Set(['developer', 'developers', 'creator', 'creators', 'owner', 'programmer', 'master', 'admin', 'administrator', 'operator', 'maker']);
const AUTHORITY = new Set(['ceo', 'boss', 'manager', 'developer', 'admin', 'administrator', 'creator', 'operator', 'owner']);
const NOW_ROLES = new Set(['a', 'an', 'dan', 'my', 'in', 'free', 'unrestricted', 'no', 'required', 'authorized', 'allowed', 'permitted', 'operating', 'acting', 'going', 'evil', 'jailbroken', 'developer', 'to']);
const HARD_SECRETS = new Set(['password', 'passwords', 'passcode', 'credentials', 'credential', 'secrets', 'ssh', 'rsa', 'apikey', 'wallet', 'seed', 'cookies']);
const STRONG_MODES = new Set(['god', 'dan', 'sudo', 'jailbreak', 'unrestricted']);
const HIGH_CONTROLS = new Set(['approval', 'approvals', 'safety', 'guardrails', 'guardrail', 'safeguards', 'moderation', '2fa', 'mfa', 'authentication', 'verification', 'restrictions', 'security', 'oversight', 'filters', 'filter', 'censorship', 'protections', 'factor', 'checks', 'review', 'confirmation']);
const HARD_DISABLE = new Set(['disable', 'disabling', 'bypass', 'bypassing', 'deactivate', 'circumvent', 'suspend', 'suspending', 'turn', 'switch']);
const OFF_VALUES = new Set(['false', 'off', 'disabled', 'none']);
const ACTION_PARTS = Part.action | Part.override | Part.modal | Part.reveal;
const MAKERS = new Set(['operator', 'operators', 'developer', 'developers', 'creator', 'creators']);
const TOLD = new Set(['told', 'said', 'instructed', 'learned', 'taught', 'dije', 'dicho', 'dijeron', 'dit', 'gesagt', 'detto', 'disse']);
const MENTION_CUES = new Set(['what', 'does', 'mean', 'means', 'called', 'known', 'example', 'such', 'quote', 'quoted', 'phrase', 'saying', 'words', 'like']);

/** Runs every phrase rule over `tokens` of `text`. */
export function phraseMatches(text: string, tokens: readonly Token[]): RawMatch[] {
  const matches: RawMatch[] = [];
  const add = (rule: string, family: DetectorFamily, from: number, to: number, weight: number) => {
    const start = tokens[from]!.start;
    const end = tokens[to]!.end;
    matches.push({ rule, family, start, end, weight: weight * mentionFactor(text, tokens, from, start, end) });
  };
  // Prefix counts of action words: "is there an action within these words" in O(1).
  const actions = new Int32Array(tokens.length + 1);
  for (let index = 0; index < tokens.length; index++) actions[index + 1] = actions[index]! + ((tokens[index]!.parts & ACTION_PARTS) !== 0 ? 1 : 0);
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index]!;
    const { parts, word } = token;
    if (parts & Part.override) overrideRules(text, tokens, index, add);
    if (parts & Part.negation) negatedFollow(tokens, index, add);
    if (parts & Part.void) priorVoid(tokens, index, add);
    if (parts & Part.reveal) revealSecret(tokens, index, add);
    if (parts & Part.ai || word === 'agent' || word === 'agents') addressedToAi(text, tokens, index, add, actions);
    if (parts & Part.fresh) freshInstructions(tokens, index, add);
    if (parts & Part.disable) disableControl(tokens, index, add);
    if (parts & Part.control) controlOff(tokens, index, add);
    if (parts & Part.jailbreak) add('jailbreak_term', 'jailbreak', index, index, word !== 'dan' ? 0.4 : index > 0 && /^(be|as|now|are|am|called|named)$/.test(tokens[index - 1]!.word) && adjacent(tokens, index - 1, index) ? 0.6 : 0.3);
    if (word === 'mode' && index > 0 && tokens[index - 1]!.parts & Part.mode && adjacent(tokens, index - 1, index)) {
      const entered = index > 1 && /^(enter|activate|in|simulate)$/.test(tokens[index - 2]!.word) && adjacent(tokens, index - 2, index);
      add('special_mode', 'jailbreak', entered ? index - 2 : index - 1, index, STRONG_MODES.has(tokens[index - 1]!.word) ? 0.6 : entered ? 0.55 : 0.3);
    }
    if (word === 'you' || word === 'ahora' || word === 'tu' || word === 'vous' || word === 'du' || word === 'ab' || word === 'ora' || word === 'agora' || word === 'теперь') roleReassignment(tokens, index, add);
    if (word === 'from') fromNowOn(tokens, index, add);
    if (word === 'pretend' || word === 'imagine' || word === 'assume') pretendNeverHappened(tokens, index, add);
    if (word === 'i' && sequence(tokens, index, ['i', 'am', 'your']) && ROLE_CLAIMS.has(tokens[index + 3]?.word ?? '') && adjacent(tokens, index + 2, index + 3)) add('authority_claim', 'role', index, index + 3, 0.55);
    if (word === 'this' && sequence(tokens, index, ['this', 'is', 'your']) && AUTHORITY.has(tokens[index + 3]?.word ?? '') && adjacent(tokens, index + 2, index + 3)) add('authority_claim', 'role', index, index + 3, 0.35);
    if (word === 'never' && (tokens[index + 1]?.word === 'refuses' || tokens[index + 1]?.word === 'refuse') && adjacent(tokens, index, index + 1)) add('never_refuses', 'jailbreak', index, index + 1, 0.6);
    if (word === 'have' || word === 'has' || word === 'with' || word === 'without') noLimits(tokens, index, add);
    if (word === 'without') withoutOversight(tokens, index, add);
    if (word === 'decode' || word === 'decoded' || word === 'base64' || word === 'rot13' || word === 'hex' || word === 'encoded') decodeAndFollow(tokens, index, add);
    if ((parts & (Part.role | Part.ai)) && tokens[index + 1]?.word === 'override' && adjacent(tokens, index, index + 1)) add('authority_override', 'role', index, index + 1, 0.75);
    if (word === 'repeat' || word === 'recite') repeatAbove(tokens, index, add);
  }
  return matches;
}

type Add = (rule: string, family: DetectorFamily, from: number, to: number, weight: number) => void;

/** True when `test` holds for some token in `[from, to)`. */
function anyBetween(tokens: readonly Token[], from: number, to: number, test: (token: Token) => boolean): boolean {
  for (let index = from; index < to; index++) if (test(tokens[index]!)) return true;
  return false;
}

/** Next known words are directly adjacent (no unknown word between). */
function adjacent(tokens: readonly Token[], from: number, to: number): boolean {
  return to < tokens.length && tokens[to]!.ordinal - tokens[from]!.ordinal === to - from;
}

function sequence(tokens: readonly Token[], from: number, words: readonly string[]): boolean {
  for (let offset = 0; offset < words.length; offset++) {
    const token = tokens[from + offset];
    if (!token || token.word !== words[offset] || token.ordinal !== tokens[from]!.ordinal + offset) return false;
  }
  return true;
}

const ENGLISH_OVERRIDE = new Set(['ignore', 'ignores', 'ignored', 'ignoring', 'disregard', 'disregards', 'disregarded', 'disregarding', 'forget', 'forgets', 'forgetting', 'forgot', 'neglect', 'overlook', 'dismiss', 'discard', 'abandon', 'bypass', 'circumvent', 'override', 'overrides', 'overriding', 'overwrite', 'nevermind']);
const ENGLISH_OBJECTS = new Set(['instructions', 'instruction', 'directions', 'directives', 'directive', 'rules', 'rule', 'guidelines', 'guideline', 'prompt', 'prompts', 'commands', 'constraints', 'restrictions', 'policies', 'policy', 'programming', 'guardrails', 'guardrail', 'safeguards', 'guidance', 'training', 'protocols']);

/** A word from the tables of another language than English. */
function isMultilingual(word: string): boolean {
  return !ENGLISH_OVERRIDE.has(word) && !ENGLISH_OBJECTS.has(word);
}

function overrideRules(text: string, tokens: readonly Token[], index: number, add: Add): void {
  const verb = tokens[index]!;
  const strong = STRONG_OVERRIDE.has(verb.word) || isMultilingual(verb.word);
  const family: DetectorFamily = isMultilingual(verb.word) ? 'multilingual' : 'override';
  let sawPrior = false;
  let sawAudience = false;
  let sawEverything = false;
  for (let next = index + 1; next < tokens.length && next <= index + 7 && adjacent(tokens, index, next); next++) {
    const token = tokens[next]!;
    if (token.parts & Part.instructions && !(token.parts & Part.filler && next + 1 < tokens.length && tokens[next + 1]!.parts & Part.instructions && adjacent(tokens, next, next + 1))) {
      const trailingBefore = next + 1 < tokens.length && adjacent(tokens, next, next + 1) && tokens[next + 1]!.parts & Part.before;
      const prior = sawPrior || trailingBefore || sawEverything;
      if (!strong && !prior) return;
      const object = STRONG_OBJECTS.has(token.word) || isMultilingual(token.word);
      add('override_instructions', family, index, trailingBefore ? next + 1 : next, prior ? (object ? 0.9 : 0.75) : 0.6);
      return;
    }
    if (token.parts & Part.before && strong && endsPhrase(text, tokens, next)) {
      add('override_prior_context', family, index, next, 0.85);
      return;
    }
    if (TASK_OBJECTS.has(token.word) || (token.parts & Part.task && sawAudience)) {
      if (strong || sawAudience) add('override_task', family, index, next, 0.7);
      return;
    }
    if (token.word === 'your' || token.parts & Part.prior) sawPrior = true;
    if (token.parts & Part.everything) sawEverything = true;
    if (AUDIENCE.has(token.word)) sawAudience = true;
    if (!(token.parts & (Part.filler | Part.prior | Part.everything) || AUDIENCE.has(token.word) || token.parts & Part.task)) break;
  }
  // "forget everything you were told", "ignore ... and instead"
  const limit = Math.min(tokens.length, index + 12);
  for (let next = index + 1; next < limit && tokens[next]!.ordinal - verb.ordinal <= 10; next++) {
    const token = tokens[next]!;
    if (strong && ((tokens[index + 1]?.parts ?? 0) & Part.everything) !== 0 && adjacent(tokens, index, index + 1) && TOLD.has(token.word)) {
      add('override_prior_context', family, index, next, 0.85);
      return;
    }
    if (token.parts & Part.instead && anyBetween(tokens, index + 1, next, (between) => AUDIENCE.has(between.word) || (between.parts & (Part.task | Part.prior | Part.before | Part.instructions)) !== 0)) {
      add('override_instead', family, index, next, 0.75);
      return;
    }
  }
}

/** The word closes its phrase: punctuation, the end, or "and/then/that" follows. */
function endsPhrase(text: string, tokens: readonly Token[], index: number): boolean {
  const after = nextVisible(text, tokens[index]!.end);
  if (after === '' || !/[a-z0-9]/.test(after) && after.charCodeAt(0) < 0x80) return true;
  const next = tokens[index + 1];
  return next !== undefined && adjacent(tokens, index, index + 1) && /^(and|then|that|this|it|or|und|et|y|e|и)$/.test(next.word);
}

function negatedFollow(tokens: readonly Token[], index: number, add: Add): void {
  for (let next = index + 1; next < tokens.length && tokens[next]!.ordinal - tokens[index]!.ordinal <= 2; next++) {
    if (!(tokens[next]!.parts & Part.follow)) continue;
    for (let object = next + 1; object < tokens.length && tokens[object]!.ordinal - tokens[next]!.ordinal <= 4; object++) {
      const token = tokens[object]!;
      if (STRONG_OBJECTS.has(token.word) || (token.parts & Part.instructions && anyBetween(tokens, next + 1, object, (t) => (t.parts & Part.prior) !== 0)) || MAKERS.has(token.word)) {
        add('refuse_instructions', 'override', index, object, 0.8);
        return;
      }
    }
    return;
  }
}

function priorVoid(tokens: readonly Token[], index: number, add: Add): void {
  for (let object = index - 1; object >= 0 && tokens[index]!.ordinal - tokens[object]!.ordinal <= 4; object--) {
    const noun = tokens[object]!;
    if (!(noun.parts & Part.instructions)) continue;
    for (let before = object - 1; before >= 0 && noun.ordinal - tokens[before]!.ordinal <= 3; before--) {
      const word = tokens[before]!.word;
      if (word === 'your' || ((word === 'safety' || word === 'system' || word === 'security' || word === 'ethical') && adjacent(tokens, before, object))) {
        add('instructions_revoked', 'override', before, index, 0.85);
        return;
      }
    }
    return;
  }
}

function revealSecret(tokens: readonly Token[], index: number, add: Add): void {
  for (let next = index + 1; next < tokens.length && tokens[next]!.ordinal - tokens[index]!.ordinal <= 5; next++) {
    const token = tokens[next]!;
    if (!(token.parts & Part.secret)) continue;
    const after = tokens[next + 1];
    if (after && /^(reset|change|policy|policies|manager|strength)$/.test(after.word) && adjacent(tokens, next, next + 1)) return;
    const previous = tokens[next - 1];
    const qualified = previous !== undefined && adjacent(tokens, next - 1, next) && /^(system|your|initial|hidden|original|secret|api|access|private|conversation|chat|env|environment|admin|root|above|previous|full|entire)$/.test(previous.word);
    if (token.word === 'prompt' || token.word === 'instructions' || token.word === 'history' || token.word === 'key' || token.word === 'keys' || token.word === 'token' || token.word === 'tokens') {
      if (qualified) add('reveal_secret', 'exfiltration', index, next, 0.7);
      else continue;
      return;
    }
    add('reveal_secret', 'exfiltration', index, next, HARD_SECRETS.has(token.word) || qualified ? 0.7 : 0.45);
    return;
  }
}

function repeatAbove(tokens: readonly Token[], index: number, add: Add): void {
  for (let next = index + 1; next < tokens.length && tokens[next]!.ordinal - tokens[index]!.ordinal <= 4; next++) {
    if (tokens[next]!.parts & Part.before || tokens[next]!.word === 'verbatim') {
      add('repeat_prior_context', 'exfiltration', index, next, 0.55);
      return;
    }
  }
}

function addressedToAi(text: string, tokens: readonly Token[], index: number, add: Add, actions: Int32Array): void {
  const token = tokens[index]!;
  const strong = STRONG_AI.has(token.word);
  // "the agent must", "the AI assistant should"
  let head = index;
  while (head + 1 < tokens.length && AI_TAIL.has(tokens[head + 1]!.word) && adjacent(tokens, head, head + 1)) head++;
  const modal = tokens[head + 1];
  const previous = tokens[index - 1];
  if (previous?.word === 'the' && adjacent(tokens, index - 1, index) && modal && modal.parts & Part.modal && adjacent(tokens, head, head + 1) && (strong || token.word === 'agent')) {
    add('addressed_to_ai', 'addressed', index - 1, head + 1, 0.65);
    return;
  }
  if (!strong && !(index > 0 && tokens[index - 1]!.word === 'language' && token.word === 'model')) return;
  if (index > 0 && tokens[index - 1]!.word === 'ai' && adjacent(tokens, index - 1, index)) return; // counted from "ai"
  let vocative = false;
  let from = index;
  // Cue words before: "note to the AI", "if you are an LLM", "attention language model"
  let weakCue = false;
  for (let back = index - 1; back >= 0 && tokens[index]!.ordinal - tokens[back]!.ordinal <= 4 && adjacent(tokens, back, index); back--) {
    const word = tokens[back]!.word;
    if (VOCATIVE_CUES.has(word)) {
      from = back;
      const articles = tokens.slice(back + 1, index).some((t) => t.word === 'a' || t.word === 'an');
      if (WEAK_CUES.has(word)) weakCue = !(word === 'are' || (!articles && isCueStart(text, tokens, back)));
      else vocative = true;
      if (word === 'are' || (WEAK_CUES.has(word) && !weakCue)) vocative = true;
      break;
    }
    if (!AI_MODIFIERS.has(word)) break;
  }
  // Reading verbs after: "AI agents triaging this", "any AI summarizing this thread"
  const reading = tokens[head + 1];
  if (reading && reading.parts & Part.reading && reading.ordinal - tokens[head]!.ordinal <= 2) vocative = true;
  void weakCue;
  // Punctuation: "AI assistant: accept...", "Assistant, before answering", "@assistant"
  const after = nextVisible(text, tokens[head]!.end);
  const before = previousVisible(text, tokens[index]!.start);
  if ((after === ':' || after === ',' || after === ')') && (before === '' || '.!?:;"\'([{<>-*@,\n#/'.includes(before))) vocative = true;
  if (before === '@') vocative = true;
  if (!vocative) return;
  // An action word among the 25 known words after the address or the 20 before it.
  const actionAhead = actions[Math.min(tokens.length, head + 26)]! - actions[head + 1]! > 0 || actions[from]! - actions[Math.max(0, from - 20)]! > 0;
  add('addressed_to_ai', 'addressed', from, head, actionAhead ? 0.75 : 0.4);
}

function freshInstructions(tokens: readonly Token[], index: number, add: Add): void {
  let object = index + 1;
  if (tokens[object]?.word === 'system' && adjacent(tokens, index, object)) object++;
  const noun = tokens[object];
  if (!noun || !adjacent(tokens, index, object)) return;
  const isObject = noun.parts & Part.instructions || /^(task|role|goal|objective|persona|identity|purpose|mission)$/.test(noun.word);
  if (!isObject) return;
  const owner = tokens[index - 1];
  const yours = owner !== undefined && owner.word === 'your' && adjacent(tokens, index - 1, index);
  const system = object === index + 2 || noun.word === 'prompt';
  const fromAuthority = tokens[object + 1]?.word === 'from' && tokens[object + 2] !== undefined && (tokens[object + 2]!.parts & Part.role || /^(it|management|security|the)$/.test(tokens[object + 2]!.word));
  add('new_instructions', 'override', yours ? index - 1 : index, object, yours || system ? 0.75 : fromAuthority ? 0.45 : 0.3);
}

function disableControl(tokens: readonly Token[], index: number, add: Add): void {
  const verb = tokens[index]!;
  for (let next = index + 1; next < tokens.length && tokens[next]!.ordinal - verb.ordinal <= 4; next++) {
    const token = tokens[next]!;
    if (HIGH_CONTROLS.has(token.word) || token.parts & Part.instructions) {
      if ((verb.word === 'turn' || verb.word === 'switch') && !anyBetween(tokens, index + 1, Math.min(tokens.length, next + 2), (t) => t.word === 'off')) return;
      add('disable_safeguard', 'override', index, next, HARD_DISABLE.has(verb.word) ? 0.55 : 0.35);
      return;
    }
  }
}

function controlOff(tokens: readonly Token[], index: number, add: Add): void {
  if (!HIGH_CONTROLS.has(tokens[index]!.word) && tokens[index]!.word !== 'approval_required') return;
  for (let next = index + 1; next < tokens.length && tokens[next]!.ordinal - tokens[index]!.ordinal <= 2; next++) {
    if (OFF_VALUES.has(tokens[next]!.word)) {
      add('safeguard_off', 'override', index, next, 0.55);
      return;
    }
  }
}

function roleReassignment(tokens: readonly Token[], index: number, add: Add): void {
  const word = tokens[index]!.word;
  if (word === 'you' && sequence(tokens, index, ['you', 'are', 'now'])) {
    const next = tokens[index + 3];
    if (next && adjacent(tokens, index + 2, index + 3) && (NOW_ROLES.has(next.word) || next.parts & (Part.jailbreak | Part.mode))) add('role_reassignment', 'role', index, index + 3, 0.7);
    return;
  }
  if (word === 'you' && sequence(tokens, index, ['you', 'are', 'no', 'longer'])) return add('role_reassignment', 'role', index, index + 3, 0.7);
  const phrases: ReadonlyArray<readonly string[]> = [['ahora', 'eres'], ['tu', 'es', 'maintenant'], ['vous', 'etes', 'maintenant'], ['du', 'bist', 'jetzt'], ['du', 'bist', 'nun'], ['ab', 'jetzt', 'bist', 'du'], ['ora', 'sei'], ['agora', 'voce', 'e'], ['теперь', 'ты']];
  for (const phrase of phrases) if (sequence(tokens, index, phrase)) return add('role_reassignment', 'multilingual', index, index + phrase.length - 1, 0.55);
}

function fromNowOn(tokens: readonly Token[], index: number, add: Add): void {
  for (const phrase of [['from', 'now', 'on'], ['from', 'this', 'point', 'on'], ['from', 'here', 'on']]) {
    if (sequence(tokens, index, phrase)) return add('from_now_on', 'role', index, index + phrase.length - 1, 0.45);
  }
}

function pretendNeverHappened(tokens: readonly Token[], index: number, add: Add): void {
  for (let next = index + 1; next < tokens.length && tokens[next]!.ordinal - tokens[index]!.ordinal <= 10; next++) {
    if (tokens[next]!.word === 'never' && /^(happened|existed)$/.test(tokens[next + 1]?.word ?? '')) return add('erase_context', 'override', index, next + 1, 0.75);
  }
}

function noLimits(tokens: readonly Token[], index: number, add: Add): void {
  const verb = tokens[index]!.word;
  let next = index + 1;
  if (tokens[next]?.word === 'no' || tokens[next]?.word === 'any') next++;
  else if (verb !== 'without') return;
  const ethics = /^(ethical|moral)$/.test(tokens[next]?.word ?? '');
  if ((ethics || /^(safety|content)$/.test(tokens[next]?.word ?? '')) && adjacent(tokens, index, next)) next++;
  const noun = tokens[next];
  if (!noun || !adjacent(tokens, index, next) || !/^(rules|restrictions|limits|filters|guidelines|boundaries|ethics|morals|censorship|restraints|guardrails|limitations|constraints)$/.test(noun.word)) return;
  const subject = tokens[index - 1];
  const personal = subject !== undefined && adjacent(tokens, index - 1, index) && /^(you|i|ai|assistant|dan|bot)$/.test(subject.word);
  if (verb === 'have' || verb === 'has') {
    if (personal) add('no_limits', 'jailbreak', index - 1, next, 0.55);
  } else add('no_limits', 'jailbreak', index, next, personal || ethics ? 0.55 : 0.4);
}

function withoutOversight(tokens: readonly Token[], index: number, add: Add): void {
  for (let next = index + 1; next < tokens.length && tokens[next]!.ordinal - tokens[index]!.ordinal <= 3; next++) {
    if (/^(human|humans|review|approval|checks|check|confirmation|verification|asking)$/.test(tokens[next]!.word)) return add('skip_oversight', 'override', index, next, 0.35);
  }
}

function decodeAndFollow(tokens: readonly Token[], index: number, add: Add): void {
  for (let next = index + 1; next < tokens.length && tokens[next]!.ordinal - tokens[index]!.ordinal <= 8; next++) {
    if (/^(follow|execute|obey|run|do)$/.test(tokens[next]!.word)) return add('decode_and_follow', 'encoded', index, next, 0.45);
  }
}

/** Quoted or defined mentions ("what does 'ignore previous instructions' mean") count less. */
function mentionFactor(text: string, tokens: readonly Token[], from: number, start: number, end: number): number {
  const before = previousVisible(text, start);
  if (before !== '' && '"\'`“”«»„‘’'.includes(before)) {
    for (let index = end; index < Math.min(text.length, end + 3); index++) if ('"\'`“”«»„‘’'.includes(text[index]!)) return 0.3;
  }
  for (let back = from - 1; back >= 0 && tokens[from]!.ordinal - tokens[back]!.ordinal <= 3; back--) {
    if (MENTION_CUES.has(tokens[back]!.word)) return 0.5;
  }
  return 1;
}

/** "to"/"for" opens an address: after a note-like word or at a sentence or bracket start. */
function isCueStart(text: string, tokens: readonly Token[], index: number): boolean {
  const previous = tokens[index - 1];
  if (previous && adjacent(tokens, index - 1, index) && /^(note|message|instructions|attention|notice|ps|hint|reminder|important)$/.test(previous.word)) return true;
  const before = previousVisible(text, tokens[index]!.start);
  return before === '' || '.!?:;"\'([{<>-*\n'.includes(before);
}

function nextVisible(text: string, from: number): string {
  for (let index = from; index < text.length && index < from + 4; index++) if (text[index] !== ' ') return text[index]!;
  return '';
}

function previousVisible(text: string, from: number): string {
  for (let index = from - 1; index >= 0 && index >= from - 4; index--) if (text[index] !== ' ') return text[index]!;
  return '';
}
