/**
 * Literal markers found in normalised text with one regular expression made only of
 * escaped literals joined by `|` (no quantifiers, so matching is linear). Measured against
 * two Aho–Corasick packages from npm on 1 MB of text, V8's compiled alternation was about
 * 6x faster (see the README section), so it is the multi-pattern matcher used here. ASCII
 * text takes a faster path with the same hits: `indexOf` for a rare character of each
 * literal, and a small alternation for the literals made only of words.
 */

/** What a literal marker signals. */
export type MarkerKind =
  | 'chat_template'
  | 'role_tag'
  | 'instruction_header'
  | 'response_header'
  | 'end_marker'
  | 'end_tag'
  | 'role_line'
  | 'hidden_comment'
  | 'hidden_css'
  | 'cjk_override_verb'
  | 'cjk_instruction_object'
  | 'cjk_phrase'
  | 'jailbreak_phrase';

const MARKERS: ReadonlyArray<readonly [MarkerKind, readonly string[]]> = [
  ['chat_template', ['<|im_start|>', '<|im_end|>', '<|system|>', '<|user|>', '<|assistant|>', '<|endoftext|>', '<|eot_id|>', '<|start_header_id|>', '<|end_header_id|>', '<|begin_of_text|>', '<|end|>', '<|im_sep|>', '[inst]', '[/inst]', '<<sys>>', '<</sys>>', '<start_of_turn>', '<end_of_turn>', '<|channel|>', '<|message|>']],
  ['role_tag', ['<system>', '</system>', '<user>', '</user>', '<assistant>', '</assistant>', '[system]', '[assistant]', '<system_prompt>', '</system_prompt>', '<instructions>', '</instructions>', '<admin>', '[admin]', '{system}', '(system)']],
  ['instruction_header', ['### instruction', '### system', '### new instruction', '## instruction', '## system prompt', '### system prompt', '[system message]', '[new instructions]', '[instructions]']],
  ['response_header', ['### response', '### assistant', '### answer']],
  ['end_marker', ['end of tool output', 'end of output', 'end of tool result', 'end of tool response', 'end of document', 'end of context', 'end of search results', 'end of results', 'end of user input', 'end of input', 'end of data', 'end of transcript', 'end of message', 'end of email', 'end of response', 'end of conversation', 'end of prompt', 'end of system prompt', 'end of instructions', '===end', '=== end', '---end', '--- end', '[end]', '<end>', '***end', '*** end', '###end', '### end']],
  ['end_tag', ['</tool_output>', '</tool_result>', '</tool_response>', '</function_results>', '</function_result>', '</search_results>', '</document>', '</context>', '</untrusted>', '</data>', '</results>', '</output>', '</email>']],
  ['role_line', ['system:', 'assistant:', 'human:', 'user:', 'developer:', 'admin:', 'system :', 'assistant :', 'human :']],
  ['hidden_comment', ['<!--']],
  ['hidden_css', ['display:none', 'display: none', 'visibility:hidden', 'visibility: hidden', 'font-size:0', 'font-size: 0', 'opacity:0;', 'opacity: 0;', 'opacity:0"', 'opacity: 0"', 'color:transparent', 'color: transparent', 'height:0', 'height: 0', 'width:0', 'width: 0', 'left:-9999', 'left: -9999', 'text-indent:-9999', 'text-indent: -9999']],
  ['cjk_override_verb', ['忽略', '无视', '無視', '忘记', '忘記', '忘掉', '不要理会', '不要理會', '不理会', '跳过', '跳過', '忘れ', '무시', '잊어']],
  ['cjk_instruction_object', ['指令', '指示', '规则', '規則', '提示', '说明', '說明', '设定', '設定', '命令', 'ルール', 'プロンプト', '지시', '명령', '지침', '규칙', '프롬프트']],
  ['jailbreak_phrase', ['do anything now', 'developer mode enabled', 'dan mode', 'stay in character', 'jailbreak mode', 'jailbroken mode', 'not bound by any', 'no longer bound by', 'free from the typical confines', 'broken free of', 'evil confidant', 'opposite mode', 'anti-dan', 'without any ethical', 'no ethical or moral']],
  ['cjk_phrase', ['你现在是', '现在你是', '你現在是', '現在你是', '从现在开始你', '從現在開始你', '系统提示词', '系統提示詞', 'システムプロンプト', '開発者モード', '开发者模式', '開發者模式', 'あなたは今', '今からあなたは', '이제 너는', '시스템 프롬프트']],
];

/** One literal marker found in normalised text. */
export interface MarkerHit {
  readonly kind: MarkerKind;
  readonly literal: string;
  readonly start: number;
  readonly end: number;
}

const KIND_OF = new Map<string, MarkerKind>();
for (const [kind, literals] of MARKERS) for (const literal of literals) KIND_OF.set(literal, kind);

const escape = (literal: string) => literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const byLength = (a: string, b: string) => b.length - a.length;
// Longest first, so `</system_prompt>` wins over `</system>` at the same position.
const MARKER_PATTERN = new RegExp([...KIND_OF.keys()].sort(byLength).map(escape).join('|'), 'g');

// Fast path for ASCII text. Most markers hold a character that prose rarely has (`<`, `:`,
// `#`...): each such occurrence is found with `indexOf` (native, far faster than trying every
// literal at every position), and only the literals that share it and its neighbour are
// tried there (one sticky alternation per group). The literals made only of words and
// spaces (`end of ...`, jailbreak phrases) are found by one small alternation.
const RARE = '<[#{(=*:-|>]})!/_';

/** Literals sharing a rare character, its neighbour, and its offset in the literal. */
interface Group {
  /** From the literal's start to its rare character. */
  readonly offset: number;
  readonly literals: string[];
  /** Longest-first alternation, sticky; set when the group has more than one literal. */
  sticky?: RegExp;
}

const pairKey = (first: number, second: number) => first * 0x10000 + second;
/** Groups keyed by (rare character, next character). */
const BY_NEXT = new Map<number, Group[]>();
/** Groups keyed by (previous character, rare character), for literals that end with it. */
const BY_PREVIOUS = new Map<number, Group[]>();
const RARE_CHARS = new Set<string>();
const WORD_LITERALS: string[] = [];
for (const literal of KIND_OF.keys()) {
  if (/[^\x00-\x7f]/.test(literal)) continue;
  const offset = [...literal].findIndex((char) => RARE.includes(char));
  if (offset < 0) {
    WORD_LITERALS.push(literal);
    continue;
  }
  RARE_CHARS.add(literal[offset]!);
  const last = offset + 1 === literal.length;
  const table = last ? BY_PREVIOUS : BY_NEXT;
  const key = last ? pairKey(literal.charCodeAt(offset - 1), literal.charCodeAt(offset)) : pairKey(literal.charCodeAt(offset), literal.charCodeAt(offset + 1));
  const groups = table.get(key) ?? [];
  table.set(key, groups);
  const group = groups.find((candidate) => candidate.offset === offset) ?? { offset, literals: [] };
  if (!groups.includes(group)) groups.push(group);
  group.literals.push(literal);
}
for (const table of [BY_NEXT, BY_PREVIOUS]) {
  for (const groups of table.values()) {
    for (const group of groups) if (group.literals.length > 1) group.sticky = new RegExp(group.literals.sort(byLength).map(escape).join('|'), 'y');
  }
}
const WORD_PATTERN = new RegExp(WORD_LITERALS.sort(byLength).map(escape).join('|'), 'g');
const NON_ASCII = /[^\x00-\x7f]/;

/**
 * Every marker in `text` (normalised), left to right, non-overlapping: what one global
 * alternation of all literals (longest first) matches.
 */
export function findMarkers(text: string): MarkerHit[] {
  return NON_ASCII.test(text) ? findMarkersByPattern(text) : findAsciiMarkers(text);
}

function findMarkersByPattern(text: string): MarkerHit[] {
  const hits: MarkerHit[] = [];
  const pattern = new RegExp(MARKER_PATTERN);
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    const literal = match[0];
    hits.push({ kind: KIND_OF.get(literal)!, literal, start: match.index, end: match.index + literal.length });
  }
  return hits;
}

/**
 * The same hits as `findMarkersByPattern` for ASCII text: first the longest literal at every
 * position where one starts, then a left-to-right pick of non-overlapping ones, which is
 * what a global alternation (longest first) matches.
 */
function findAsciiMarkers(text: string): MarkerHit[] {
  // Candidates as [start, literal] pairs, flattened.
  const found: Array<number | string> = [];
  const tryGroups = (groups: Group[] | undefined, at: number) => {
    if (groups === undefined) return;
    for (const group of groups) {
      const start = at - group.offset;
      if (start < 0) continue;
      if (group.sticky === undefined) {
        if (text.startsWith(group.literals[0]!, start)) found.push(start, group.literals[0]!);
        continue;
      }
      group.sticky.lastIndex = start;
      const match = group.sticky.exec(text);
      if (match !== null) found.push(start, match[0]);
    }
  };
  // Dense rare characters (markup, code, adversarial input): the one alternation is cheaper.
  let budget = text.length >> 6;
  for (const char of RARE_CHARS) {
    for (let at = text.indexOf(char); at >= 0; at = text.indexOf(char, at + 1)) if (--budget < 0) return findMarkersByPattern(text);
  }
  for (const char of RARE_CHARS) {
    for (let at = text.indexOf(char); at >= 0; at = text.indexOf(char, at + 1)) {
      const code = text.charCodeAt(at);
      if (at + 1 < text.length) tryGroups(BY_NEXT.get(pairKey(code, text.charCodeAt(at + 1))), at);
      if (at > 0) tryGroups(BY_PREVIOUS.get(pairKey(text.charCodeAt(at - 1), code)), at);
    }
  }
  const words = new RegExp(WORD_PATTERN);
  for (let match = words.exec(text); match !== null; match = words.exec(text)) {
    found.push(match.index, match[0]);
    words.lastIndex = match.index + 1;
    // Many markers: sorting candidates would cost more than the one alternation.
    if (found.length > text.length >> 5) return findMarkersByPattern(text);
  }
  if (found.length === 0) return [];
  const order: number[] = [];
  for (let index = 0; index < found.length; index += 2) order.push(index);
  order.sort((a, b) => (found[a] as number) - (found[b] as number) || (found[b + 1] as string).length - (found[a + 1] as string).length);
  const hits: MarkerHit[] = [];
  let next = 0;
  for (const index of order) {
    const start = found[index] as number;
    if (start < next) continue;
    const literal = found[index + 1] as string;
    hits.push({ kind: KIND_OF.get(literal)!, literal, start, end: start + literal.length });
    next = start + literal.length;
  }
  return hits;
}
