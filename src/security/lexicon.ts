/**
 * The word tables of the injection screen: which words play which part in an override
 * ("ignore" + "all previous" + "instructions"), in English, Spanish, French, German,
 * Italian, Portuguese and Russian. A word may have several parts. Rules in `phrase-rules.ts`
 * combine the parts, so a table entry generalises to every phrase built from it instead of
 * listing phrases one by one. Words are folded like the text (lower case, no accents).
 */

/** Parts a word can play; a word's parts are OR-ed bits. */
export const Part = {
  /** ignore, disregard, forget... */
  override: 1 << 0,
  /** all, any, the, your... (may stand between an override verb and its object) */
  filler: 1 << 1,
  /** previous, prior, above, original, system... */
  prior: 1 << 2,
  /** instructions, rules, guidelines, prompt... */
  instructions: 1 << 3,
  /** everything, all, anything */
  everything: 1 << 4,
  /** before, above, earlier, so far... */
  before: 1 << 5,
  /** instead, rather */
  instead: 1 << 6,
  /** ai, assistant, llm, chatbot... */
  ai: 1 << 7,
  /** task, request, question, criteria... */
  task: 1 << 8,
  /** not, don't, never, stop */
  negation: 1 << 9,
  /** follow, obey, comply... */
  follow: 1 << 10,
  /** reveal, print, show, output, send... */
  reveal: 1 << 11,
  /** password, credentials, secret, key... */
  secret: 1 << 12,
  /** approval, review, filters, safety, guardrails... */
  control: 1 << 13,
  /** disable, bypass, turn off, suspend... */
  disable: 1 << 14,
  /** false, off, disabled, none */
  off: 1 << 15,
  /** must, should, shall, need... */
  modal: 1 << 16,
  /** reading, processing, summarizing... */
  reading: 1 << 17,
  /** an action a tool could take: call, send, wire, delete, approve... */
  action: 1 << 18,
  /** void, revoked, changed, suspended... */
  void: 1 << 19,
  /** new, real, true, actual, updated */
  fresh: 1 << 20,
  /** jailbreak vocabulary: unrestricted, unfiltered, jailbroken... */
  jailbreak: 1 << 21,
  /** mode names: developer, maintenance, debug, god... */
  mode: 1 << 22,
  /** roles in chat formats: system, assistant, user, human... */
  role: 1 << 23,
  /** words a rule refers to by name only */
  word: 1 << 24,
} as const;

type PartName = keyof typeof Part;

/** English first, then the other languages; each line is one part and its words. */
const TABLE: ReadonlyArray<readonly [PartName, string]> = [
  // English
  ['override', 'ignore ignores ignored ignoring disregard disregards disregarded disregarding forget forgets forgetting forgot neglect overlook dismiss discard abandon bypass circumvent override overrides overriding overwrite nevermind'],
  ['filler', 'all any every each the your these those of and or above mentioned said entire whole whatever such following prior previous'],
  ['prior', 'previous prior above earlier preceding foregoing former original initial old older existing system systems given current default safety ethical moral security standing underlying core hidden developer developers operator operators earlier preset programmed base built inbuilt internal'],
  ['instructions', 'instructions instruction directions directives directive rules rule guidelines guideline prompt prompts commands constraints restrictions policies policy programming guardrails guardrail safeguards guidance training protocols'],
  ['everything', 'everything all anything whatever'],
  ['before', 'before above earlier previously beforehand hitherto far'],
  ['instead', 'instead rather'],
  ['ai', 'ai assistant assistants llm llms chatbot chatbots bot bots gpt chatgpt claude gemini copilot model models agent agents screener summarizer summariser crawler'],
  ['task', 'task tasks request requests question questions query queries criteria criterion description goal goals objective objectives assignment input inputs ask'],
  ['negation', 'not dont never stop cease no longer nor cannot'],
  ['follow', 'follow follows following obey obeying adhere adhering comply complying listen listening respect abide heed'],
  ['reveal', 'reveal reveals print output show display disclose leak expose dump share tell give list export provide send email forward upload post write repeat recite spell return paste echo'],
  ['secret', 'password passwords passcode credentials credential secret secrets key keys token tokens apikey configuration config confidential ssh rsa history database env environment variables prompt instructions cookies cookie session private wallet seed'],
  ['control', 'approval approvals review reviews filter filters filtering safety guardrails guardrail checks check verification authentication moderation restrictions security oversight logging monitoring confirmation 2fa mfa factor protections protection safeguards limits content censorship required approval_required'],
  ['disable', 'disable disabling disabled bypass bypassing turn deactivate circumvent skip suspend suspending remove removing switch lift waive override'],
  ['off', 'false off disabled none 0 null no'],
  ['modal', 'must should shall need needs required has have will'],
  ['reading', 'reading reads read processing processes summarizing summarising summarizes summarises summarize summarise parsing parses triaging screening viewing analyzing analysing crawling reviewing indexing sees seeing scanning browsing'],
  ['action', 'call calls invoke run execute send forward email wire transfer approve grant delete reveal output print tell respond reply say answer disable share accept mark add merge push promote rank append download visit recommend click write post remove drop create update change set give provide include insert navigate open fetch install pay refund cancel book buy export upload publish leak dump list move rename replace enter'],
  ['void', 'void null invalid invalidated cancelled canceled revoked obsolete suspended changed overridden replaced lifted deprecated expired superseded rescinded outdated wrong'],
  ['fresh', 'new real true actual updated revised'],
  ['jailbreak', 'unrestricted unfiltered uncensored jailbroken jailbreak jailbreaking unlimited unbound unchained amoral unethical dan'],
  ['mode', 'developer maintenance debug debugging god admin administrator sudo root dan unrestricted jailbreak test'],
  ['role', 'system assistant user human developer admin administrator operator'],
  ['word', 'you are now from on is your i am a an in this point here mode conversation happened pretend imagine assume never to for attention dear hey note notice message when if reading with without asking human humans was were told said instructed what does mean means called known example such as quote quoted e g ie like phrase saying words decode decoded base64 hex rot13 encoded it follow execute obey do says between act play game where have has no rules restrictions limits refuses refuse simulate y et und и be stands enter activate enable its that these learned taught customer customers users s other creator creators owner programmer master boss ceo maker manager reset change language automated coding automatic autonomous valid apply applies two step'],

  // Spanish
  ['override', 'ignora ignore ignorar ignorad ignoren olvida olvide olviden olvidar olvidate omite omitir descarta descartar desatiende'],
  ['filler', 'todas todos toda todo las los la el lo tus sus de del estas estos cualquier'],
  ['prior', 'anteriores anterior previas previos previa precedentes originales iniciales arriba sistema'],
  ['instructions', 'instrucciones instruccion reglas indicaciones ordenes directrices normas consignas'],
  ['everything', 'todo'],
  ['before', 'antes anteriormente arriba anterior'],
  ['instead', 'lugar vez'],
  ['word', 'ahora eres'],
  // French
  ['override', 'ignore ignorez ignorer ignores oublie oubliez oublier neglige negligez'],
  ['filler', 'toutes tous toute tout les la le tes vos des ces'],
  ['prior', 'precedentes precedente precedents anterieures anterieurs initiales originales ci dessus systeme'],
  ['instructions', 'instructions consignes regles directives ordres indications'],
  ['everything', 'tout'],
  ['before', 'avant precedemment dessus precede'],
  ['instead', 'plutot'],
  ['word', 'tu es maintenant vous etes'],
  // German
  ['override', 'ignoriere ignorieren ignoriert ignorier vergiss vergesst vergessen vergessen missachte missachten missachtet uberspringe'],
  ['filler', 'alle alles die der den deine deiner ihre samtliche samtlichen jegliche jede diese'],
  ['prior', 'vorherigen vorherige vorigen vorige bisherigen bisherige obigen obige fruheren fruhere vorangegangenen ursprunglichen ursprungliche oben system'],
  ['instructions', 'anweisungen anweisung instruktionen regeln befehle vorgaben richtlinien anordnungen aufgaben'],
  ['everything', 'alles'],
  ['before', 'davor zuvor vorher bisher oben'],
  ['instead', 'stattdessen'],
  ['word', 'du bist jetzt nun ab'],
  // Italian
  ['override', 'ignora ignorate ignorare dimentica dimenticate dimenticare trascura trascurate'],
  ['filler', 'tutte tutti tutto le gli i tue sue queste'],
  ['prior', 'precedenti precedente anteriori sopra originali iniziali sistema'],
  ['instructions', 'istruzioni istruzione regole indicazioni direttive ordini'],
  ['everything', 'tutto'],
  ['before', 'prima sopra'],
  ['instead', 'invece'],
  ['word', 'ora sei'],
  // Portuguese
  ['override', 'ignore ignora ignorar ignorem esqueca esquecer esquecam desconsidere desconsidera desconsiderar'],
  ['filler', 'todas todos as os suas tuas seus teus'],
  ['prior', 'anteriores anterior previas acima originais iniciais sistema'],
  ['instructions', 'instrucoes instrucao regras orientacoes diretrizes ordens'],
  ['everything', 'tudo'],
  ['before', 'antes acima'],
  ['word', 'agora voce e'],
  // Polish and Dutch
  ['override', 'zignoruj zignorujcie ignoruj zapomnij zapomnijcie pomin negeer vergeet'],
  ['filler', 'wszystkie wszystkich swoje twoje alle de je jouw uw'],
  ['prior', 'poprzednie poprzednich wczesniejsze powyzsze vorige eerdere bovenstaande oorspronkelijke'],
  ['instructions', 'instrukcje instrukcji polecenia zasady instructies regels opdrachten'],
  ['everything', 'wszystko alles'],
  ['word', 'dije dicho dijeron dit gesagt detto disse que te lo'],
  // Russian
  ['override', 'игнорируй игнорируйте игнорировать проигнорируй проигнорируйте забудь забудьте забыть пропусти отбрось'],
  ['filler', 'все всех свои твои ваши эти эту это'],
  ['prior', 'предыдущие предыдущих прежние прежних предшествующие вышеуказанные вышеупомянутые исходные системные'],
  ['instructions', 'инструкции инструкций инструкциям указания указаний правила правил команды команд'],
  ['everything', 'все'],
  ['before', 'выше ранее раньше'],
  ['word', 'теперь ты'],
];

/** A word's parts (bits of `Part`), keyed by the folded word. */
export const LEXICON: ReadonlyMap<string, number> = buildLexicon();

function buildLexicon(): Map<string, number> {
  const lexicon = new Map<string, number>();
  for (const [part, words] of TABLE) {
    for (const raw of words.split(/\s+/)) {
      const word = raw.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').normalize('NFC').toLowerCase().replace(/ё/g, 'е').replace(/й/g, 'и');
      if (word) lexicon.set(word, (lexicon.get(word) ?? 0) | Part[part]);
    }
  }
  return lexicon;
}

/** Words long enough to be split by spacing tricks (`igno re`), with every prefix of each. */
export const JOINABLE_PREFIXES: ReadonlySet<string> = buildPrefixes();

function buildPrefixes(): Set<string> {
  const prefixes = new Set<string>();
  for (const [word, parts] of LEXICON) {
    if (word.length < 5 || /[^a-z]/.test(word)) continue;
    if (!(parts & (Part.override | Part.instructions | Part.prior | Part.ai | Part.secret | Part.jailbreak | Part.reveal))) continue;
    for (let end = 1; end < word.length; end++) prefixes.add(word.slice(0, end));
  }
  return prefixes;
}
