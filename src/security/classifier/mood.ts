/**
 * Address and mood features of a sentence: is it an order, is it aimed at "you" or at the
 * assistant, does it name the user, instructions, a tool, a deadline or a secret. They are
 * small word lists, looked up by the same word hash the featuriser computes, so they cost
 * one map lookup per word. The learned weights decide what each is worth, per context.
 */
import { LEXICON } from '../lexicon.js';
import { hashWord, mixHash } from './hashing.js';

/** Names of the sentence-level indicator features, in bit order. */
export const MOOD_FEATURES = [
  'imperative_start',
  'second_person',
  'addresses_ai',
  'names_user',
  'names_instructions',
  'urgency',
  'names_tool',
  'secrecy',
  'obligation',
  'authority',
  'label_start',
  'question',
  'link_or_address',
  'snake_case',
] as const;

/** Names of the heuristic rule families fed to the model as indicators (after the mood bits). */
export const RULE_FEATURES = [
  'rule_override',
  'rule_role',
  'rule_template',
  'rule_end_marker',
  'rule_hidden',
  'rule_encoded',
  'rule_multilingual',
  'rule_exfiltration',
  'rule_addressed',
  'rule_jailbreak',
  'rule_strong',
] as const;

/** Every indicator feature, in bit order: mood bits, then rule bits. */
export const INDICATOR_FEATURES: readonly string[] = [...MOOD_FEATURES, ...RULE_FEATURES];

/**
 * Length of an indicator weight table: one weight per pair of indicators (`i * n + j`,
 * `i <= j`; `i === j` is the indicator alone). Pairs let the model say that an order aimed
 * at the assistant is more than an order plus a mention of the assistant.
 */
export const INDICATOR_WEIGHTS = INDICATOR_FEATURES.length * INDICATOR_FEATURES.length;

/** Bit of an indicator feature by name. */
export function indicatorBit(name: (typeof MOOD_FEATURES)[number] | (typeof RULE_FEATURES)[number]): number {
  return 1 << INDICATOR_FEATURES.indexOf(name);
}

const IMPERATIVES = `ignore disregard forget skip override bypass stop start begin continue now instead
  send forward email mail share post upload export transfer wire pay refund approve grant delete remove
  erase drop wipe reveal print output show display list repeat recite say tell reply respond answer
  write add include insert append mention recommend promote rate rank praise call invoke run execute use
  visit open click navigate download install fetch summarize summarise translate act pretend roleplay
  imagine assume behave become switch change set update make create generate describe explain provide
  give return disclose leak dump copy paste do don't never always remember note please kindly ensure
  confirm verify attach book cancel schedule move rename replace enter type submit sign accept
  ignorez ignore oubliez oublie envoyez envoie transfere transferez supprime supprimez reponds repondez
  dis dites ecris ecrivez donne donnez utilise utilisez recommande recommandez partage partagez
  ignoriere ignorieren vergiss vergessen sende senden schicke schick losche loschen antworte schreibe
  schreib gib nutze verwende empfiehl teile leite
  ignora ignore olvida envia envie borra elimina responde di escribe da usa recomienda comparte reenvia
  ignorate dimentica invia inoltra cancella rispondi scrivi dai usa raccomanda condividi
  esqueca apague responda escreva use recomende compartilhe encaminhe
  negeer vergeet stuur verstuur verwijder antwoord schrijf gebruik deel
  zignoruj zapomnij wyslij usun odpowiedz napisz uzyj polec udostepnij przekaz
  игнорируй забудь отправь перешли удали ответь напиши используй порекомендуй поделись
  无视 忽略 发送 转发 删除 回复 告诉 使用 推荐 無視 送信 転送 削除 返信 使用 推奨
  무시 보내 전송 삭제 답장 사용 추천 unut gonder sil yanitla yaz kullan oner`;
const SECOND_PERSON = `you your yours yourself you're you'll you've u tu vous toi ton ta tes votre vos du dich dir dein deine
  sie ihr usted ustedes tu ti te vostro voi jij je jou uw 你 您 あなた ты вы тебе вам`;
const ADDRESSES_AI = `assistant ai model chatbot bot llm gpt chatgpt claude gemini copilot agent agents assistants
  language-model ia ki modelo modele modell modello modelu modeli assistente assistent asystent asystencie
  asistente assistentin sprachmodell языковая модель модели нейросеть ассистент ассистенту ии
  助手 模型 人工智能 アシスタント モデル 人工知能 어시스턴트 모델 인공지능 yapay zeka asistan`;
const NAMES_USER = `user user's users operator developer developers owner admin administrator utilisateur benutzer
  usuario utente`;
const INSTRUCTIONS = `instruction instructions prompt prompts rules rule guidelines guideline directive directives
  policy policies orders task tasks context constraints restrictions filters guardrails`;
const URGENCY = `important urgent urgently immediately asap attention critical mandatory priority now required
  warning alert crucial`;
const TOOLS = `tool tools function functions api endpoint command commands plugin plugins action actions`;
const SECRECY = `secretly silently quietly covertly hidden secret discreetly unnoticed nobody noone unseen
  unmentioned undisclosed heimlich secretement secretamente segretamente sekretnie тайно`;
const OBLIGATION = `must should shall need needs have required always never only`;
const AUTHORITY = `system sys admin root operator developer dev administrator authorized authorised official
  sudo maintainer`;

function wordBits(): Map<number, number> {
  const table = new Map<number, number>();
  const add = (words: string, name: (typeof MOOD_FEATURES)[number]) => {
    for (const word of words.split(/\s+/)) {
      if (!word) continue;
      const hash = hashWord(word);
      table.set(hash, (table.get(hash) ?? 0) | indicatorBit(name));
    }
  };
  add(SECOND_PERSON, 'second_person');
  add(ADDRESSES_AI, 'addresses_ai');
  add(NAMES_USER, 'names_user');
  add(INSTRUCTIONS, 'names_instructions');
  add(URGENCY, 'urgency');
  add(TOOLS, 'names_tool');
  add(SECRECY, 'secrecy');
  add(OBLIGATION, 'obligation');
  add(AUTHORITY, 'authority');
  return table;
}

/** Word hash → indicator bits the word sets anywhere in a sentence. */
export const WORD_BITS: ReadonlyMap<number, number> = wordBits();

/** Hashes of words after which the next word still counts as the start of an order. */
export const LEAD_WORDS: ReadonlySet<number> = new Set(['please', 'kindly', 'now', 'also', 'then', 'and', 'just', 'immediately', 'first', 'simply'].map(hashWord));

/** Hashes of words that, first in a sentence, make it read as an order. */
export const IMPERATIVE_WORDS: ReadonlySet<number> = new Set(IMPERATIVES.split(/\s+/).filter(Boolean).map(hashWord));

const FUNCTION_WORDS = `the a an this that these those it its you your yours yourself i me my we our us they them their
  he she his her to of in on at for from with by about as into over after before under between through during
  without within and or but if then so than because while when where what which who whom how not no nor do does
  did don't doesn't is are was were be been being am has have had will would can could should must may might
  shall all any every each some other such only just also now here there please let whatever whoever instead
  again once always never ever still yet very more most less too`;

/** Skeleton token of a content word the tables do not know. */
export const SKELETON_OTHER = 0x2545f491;
/** Skeleton token of a number. */
export const SKELETON_NUMBER = 0x4f1bbcdd;

function skeletonTable(): Map<number, number> {
  const table = new Map<number, number>();
  // A word with a part in the rule tables stands for its part ("ignore" and "disregard" alike).
  for (const [word, parts] of LEXICON) table.set(hashWord(word), mixHash(Math.imul(parts, 0x9e3779b1) ^ 0x3c6ef372));
  for (const word of IMPERATIVES.split(/\s+/)) if (word && !table.has(hashWord(word))) table.set(hashWord(word), 0x1f83d9ab);
  // Function words stand for themselves: they carry the sentence's shape.
  for (const word of FUNCTION_WORDS.split(/\s+/)) if (word) table.set(hashWord(word), hashWord(word));
  return table;
}

/**
 * Word hash → skeleton token: the word itself for function words, its part for words of
 * the rule tables, and one shared token for any other word. N-grams over the skeleton see
 * the shape of a sentence ("ORDER the * to * before you *") whatever its content words are,
 * which is what generalises to attacks written about things the model never read.
 */
export const SKELETON: ReadonlyMap<number, number> = skeletonTable();
