/**
 * Injection screen: plain-text throughput (MB/s) of `heuristics()` and of the default pair
 * with the learned `classifier()`, weights size and load time, time for 1 MB of each
 * adversarial shape, the 1 MB / 50 kB time ratio (linear ≈ 20x), dev-set recall and FPR,
 * per-call cost of `injectionScreen` on a small result, and PII redaction throughput.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createWarden, injectionScreen, piiRedactor, scanText } from '../src/index.js';
import { defaultDetectors } from '../src/security/classifier/default-detectors.js';
import { loadScreenModel, shippedModelPath } from '../src/security/classifier/classifier.js';
import { readModelFile } from '../src/security/classifier/model-file.js';
import { statSync } from 'node:fs';
import type { BenchRow, Harness } from './harness.js';

const MB = 1_000_000;

/**
 * Best of `rounds` wall times of `fn`, in ms, after `warmup` calls: the scan's loops reach
 * optimised code only after a few calls of 1 MB, and steady state is what a long-running
 * agent sees.
 */
function bestMs(fn: () => unknown, rounds = 5, warmup = 5): number {
  for (let call = 0; call < warmup; call++) fn();
  let best = Number.POSITIVE_INFINITY;
  for (let round = 0; round < rounds; round++) {
    const start = process.hrtime.bigint();
    fn();
    best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e6);
  }
  return best;
}

/** Ordinary English prose with the odd trigger word, as a tool result would carry. */
export function plainText(size: number): string {
  const sentences = [
    'The quarterly report covers revenue, costs and hiring plans for the next two years.',
    'Our support team answered most tickets within four hours, and customer satisfaction rose.',
    'Shipping to Canada takes five to seven business days; tracking is sent by email.',
    'The new warehouse in Reno opens in March and will handle returns for the western region.',
    'Please ignore the typo in the previous version of this document.',
    'Refunds above five hundred dollars require approval by a manager.',
    'The system will be down for maintenance on Sunday between two and four in the morning.',
    'Meeting notes: budget approved, roadmap reviewed, hiring plan deferred to next week.',
  ];
  let text = '';
  for (let index = 0; text.length < size; index++) text += `${sentences[(index * 7) % sentences.length]} `;
  return text.slice(0, size);
}

const ADVERSARIAL: Record<string, (size: number) => string> = {
  'repeated override verb': (size) => 'ignore '.repeat(size / 7 + 1).slice(0, size),
  'override phrases without object': (size) => 'ignore all the previous '.repeat(size / 24 + 1).slice(0, size),
  'single-letter fragments': (size) => 'i g n o r e '.repeat(size / 12 + 1).slice(0, size),
  'unclosed markers/comments': (size) => '<|im_sta <!-- end of tool outpu system: '.repeat(size / 40 + 1).slice(0, size),
  'one base64-like run': (size) => 'QUFB'.repeat(size / 4 + 1).slice(0, size),
  'zero-width between letters': (size) => 'a\u200b'.repeat(size / 2 + 1).slice(0, size),
  'addressed to AI, repeated': (size) => 'note to the ai assistant: '.repeat(size / 26 + 1).slice(0, size),
  'full-width, Cyrillic, CJK mix': (size) => 'ｉｇｎｏｒｅ приветствие 忽略指令 '.repeat(size / 24 + 1).slice(0, size),
};

/** `<repo>/../shared/data/injection-dev.jsonl`, also from a git worktree. */
function findDevSet(): string | undefined {
  const candidates = [join(process.cwd(), '..', 'shared', 'data', 'injection-dev.jsonl')];
  try {
    const common = execFileSync('git', ['rev-parse', '--path-format=absolute', '--git-common-dir'], { encoding: 'utf8' }).trim();
    candidates.push(join(dirname(common), '..', 'shared', 'data', 'injection-dev.jsonl'));
  } catch {
    // not in a git checkout
  }
  return candidates.find((candidate) => existsSync(candidate));
}

export default async function screen(h: Harness): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const plain = plainText(MB);
  const plainMs = bestMs(() => scanText(plain));
  rows.push({ group: 'screen', name: 'heuristics() on 1 MB plain text', value: MB / 1e6 / (plainMs / 1000), unit: 'MB/s', note: `${plainMs.toFixed(1)} ms; goal >= 50 MB/s` });

  let worst = 0;
  for (const [name, make] of Object.entries(ADVERSARIAL)) {
    const large = make(MB);
    const small = make(50 * 1024);
    const largeMs = bestMs(() => scanText(large), 3);
    // As the linear-time test does: 50 kB timed over as much text as one 1 MB scan.
    const repeat = Math.round(MB / (50 * 1024));
    const smallMs = bestMs(() => {
      for (let round = 0; round < repeat; round++) scanText(small);
    }, 3) / repeat;
    worst = Math.max(worst, largeMs);
    rows.push({ group: 'screen', name: `1 MB adversarial: ${name}`, value: largeMs, unit: 'ms', note: `1 MB / 50 kB = ${(largeMs / smallMs).toFixed(1)}x (linear ≈ 19.5x)` });
  }
  rows.push({ group: 'screen', name: '1 MB adversarial: worst shape', value: worst, unit: 'ms', note: 'goal < 50 ms' });

  // The default detector pair, as injectionScreen() runs it: the rules once, then the
  // learned classifier reading the rules' matches and normalised text.
  const loadStarted = process.hrtime.bigint();
  readModelFile(shippedModelPath());
  const loadMs = Number(process.hrtime.bigint() - loadStarted) / 1e6;
  rows.push({ group: 'screen', name: 'classifier weights: size / first load', value: statSync(shippedModelPath()).size / 1024, unit: 'kB', note: `loaded in ${loadMs.toFixed(1)} ms; goal <= 2 MB` });
  // As the screen runs them: rules first, then the classifier reading their matches.
  const pairOf = () => {
    const [rules, learned] = defaultDetectors(loadScreenModel());
    return (text: string) => {
      const ruleScore = rules(text).score;
      return Math.max(ruleScore, learned(text, { direction: 'results' }).score);
    };
  };
  // Each call gets a fresh string so the rules' one-text memo never skips the scan.
  let salt = 0;
  const pair = pairOf();
  const pairMs = bestMs(() => pair(`${plain}${salt++}`));
  rows.push({ group: 'screen', name: 'heuristics() + classifier() on 1 MB plain text', value: MB / 1e6 / (pairMs / 1000), unit: 'MB/s', note: `${pairMs.toFixed(1)} ms; goal >= 20 MB/s` });
  let worstPair = 0;
  let worstPairName = '';
  for (const [name, make] of Object.entries(ADVERSARIAL)) {
    const large = make(MB);
    const largeMs = bestMs(() => pair(`${large}${salt++}`), 3);
    if (largeMs > worstPair) {
      worstPair = largeMs;
      worstPairName = name;
    }
  }
  rows.push({ group: 'screen', name: '1 MB adversarial, heuristics + classifier: worst shape', value: worstPair, unit: 'ms', note: `${worstPairName}; goal < 50 ms` });

  const devSet = findDevSet();
  if (devSet) {
    const data = readFileSync(devSet, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as { text: string; label: string; context: string });
    const [rulesOnly, learnedOnly] = defaultDetectors(loadScreenModel());
    const pairFlags = data.map((row) => {
      const direction = row.context === 'user_input' ? 'args' : 'results';
      return { row, hit: Math.max(rulesOnly(row.text).score, learnedOnly(row.text, { direction }).score) >= 0.5 };
    });
    const pairInjections = pairFlags.filter(({ row }) => row.label === 'injection');
    const pairBenign = pairFlags.filter(({ row }) => row.label !== 'injection');
    rows.push({ group: 'screen', name: 'dev set recall, heuristics + classifier (balanced)', value: pairInjections.filter(({ hit }) => hit).length / pairInjections.length, unit: '', note: 'goal >= 0.95' });
    rows.push({ group: 'screen', name: 'dev set FPR, heuristics + classifier (balanced)', value: pairBenign.filter(({ hit }) => hit).length / pairBenign.length, unit: '', note: 'goal <= 0.02' });
    const flagged = data.map((row) => ({ row, hit: scanText(row.text).score >= 0.5 }));
    const injections = flagged.filter(({ row }) => row.label === 'injection');
    const benign = flagged.filter(({ row }) => row.label !== 'injection');
    rows.push({ group: 'screen', name: 'dev set recall, heuristics alone', value: injections.filter(({ hit }) => hit).length / injections.length, unit: '', note: 'goal >= 0.9 (npm run screen-report for detail)' });
    rows.push({ group: 'screen', name: 'dev set FPR, heuristics alone', value: benign.filter(({ hit }) => hit).length / benign.length, unit: '', note: 'goal <= 0.05' });
  }

  const warden = createWarden({ agent: 'bench', middleware: [injectionScreen()] });
  const fetchPage = warden.tool('fetch_page', async () => ({ title: 'Order A17', body: 'Shipped on Monday via UPS; expected delivery Thursday. Thank you for your order!' }));
  rows.push(h.ratioRow('screen', 'injectionScreen() per call, small clean result', await h.timePerOp(() => fetchPage({}), { iterations: 5_000 })));

  const redact = piiRedactor({ key: 'bench' });
  const withPii = plainText(MB / 10).replace(/warehouse/g, 'ana@example.com').replace(/Reno/g, '+44 20 7946 0958');
  const piiMs = bestMs(() => redact('result', withPii));
  rows.push({ group: 'screen', name: 'piiRedactor() on 100 kB with PII', value: withPii.length / 1e6 / (piiMs / 1000), unit: 'MB/s', note: `${piiMs.toFixed(1)} ms` });
  return rows;
}
