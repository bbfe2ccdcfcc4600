/**
 * `agentwarden eval --cases cases.jsonl --baseline <version> --candidate <version> [--config file]`:
 * runs every case under both versions with the agent from the config module, prints the
 * side-by-side table and exits 1 when the candidate breaks a threshold (0 when it passes,
 * 2 on bad usage) — so it can gate `promote` in CI.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { readCases } from '../eval/cases.js';
import { compareVersions } from '../eval/compare.js';
import { DEFAULT_CONFIG_FILES, loadEvalConfig, type EvalConfig } from '../eval/config.js';
import { formatComparison } from '../eval/table.js';
import type { EvalCase } from '../eval/types.js';
import type { VersionStamp } from '../core/types.js';
import { isVersionStamp, versionStamp } from '../core/version-stamp.js';
import { versions } from '../versions/registry.js';
import type { CliCommand, CliIO } from './command.js';

const usage = `Usage: agentwarden eval --cases <file.jsonl> --baseline <version> --candidate <version> [options]

Runs each case under both versions and compares them (task success, scorers, tool errors,
denials, tokens, cost, latency, steps) with a paired permutation test.

Options:
  --cases <path>        JSONL: { id?, input, expected?, answers?, cassette? } per line,
                        or a directory of recorded cassettes (recorder({ dir }))
  --baseline <name>     a key of the config's \`versions\`, or a registry id, label or stage
  --candidate <name>    same
  --config <file>       module exporting defineEvalConfig({ agent, versions, scorers, thresholds, ... })
                        (default: ./agentwarden.eval.{ts,mts,js,mjs})
  --registry <file>     a versions({ file }) registry file (overrides the config's \`registry\`)
  --json                print the comparison as JSON instead of the table

Exit code: 0 the candidate passes every threshold, 1 it does not, 2 bad usage
(unknown option or version, unreadable cases or config).
`;

interface EvalArgs {
  cases?: string;
  baseline?: string;
  candidate?: string;
  config?: string;
  registry?: string;
  json: boolean;
}

/** The `eval` command. */
export const evalCommand: CliCommand = {
  name: 'eval',
  summary: 'compare two versions on a set of cases; exit 1 when the candidate is worse',
  usage,
  async run(argv: string[], io: CliIO): Promise<number> {
    const args = parseArgs(argv);
    if (typeof args === 'string') return fail(io, args);
    if (!args.cases || !args.baseline || !args.candidate) return fail(io, '--cases, --baseline and --candidate are required');
    const configFile = args.config ?? DEFAULT_CONFIG_FILES.find((file) => existsSync(resolve(file)));
    if (!configFile) return fail(io, `no --config given and no ${DEFAULT_CONFIG_FILES.join(' / ')} in ${process.cwd()}`);
    let config: EvalConfig;
    let cases: EvalCase[];
    try {
      config = await loadEvalConfig(configFile);
      cases = readCases(resolve(args.cases));
    } catch (error) {
      return fail(io, error instanceof Error ? error.message : String(error));
    }
    const registryFile = args.registry ? resolve(args.registry) : config.registry;
    const baseline = resolveVersion(config, registryFile, args.baseline);
    const candidate = resolveVersion(config, registryFile, args.candidate);
    if (typeof baseline === 'string') return fail(io, baseline);
    if (typeof candidate === 'string') return fail(io, candidate);
    const { versions: _versions, registry: _registry, ...setup } = config;
    const comparison = await compareVersions({ ...setup, cases, baseline, candidate });
    io.stdout(args.json ? `${JSON.stringify(comparison, null, 2)}\n` : formatComparison(comparison));
    return comparison.passed ? 0 : 1;
  },
};

function parseArgs(argv: string[]): EvalArgs | string {
  const args: EvalArgs = { json: false };
  const valued = new Set(['cases', 'baseline', 'candidate', 'config', 'registry']);
  for (let index = 0; index < argv.length; index++) {
    const token = argv[index]!;
    if (token === '--json') {
      args.json = true;
      continue;
    }
    const match = /^--([a-z]+)(?:=(.*))?$/.exec(token);
    if (!match || !valued.has(match[1]!)) return `unknown option ${token}`;
    const value = match[2] ?? argv[++index];
    if (value === undefined || value.startsWith('--')) return `--${match[1]} needs a value`;
    (args as unknown as Record<string, string>)[match[1]!] = value;
  }
  return args;
}

function resolveVersion(config: EvalConfig, registryFile: string | undefined, name: string): VersionStamp | string {
  const named = config.versions?.[name];
  if (named) return isVersionStamp(named) ? named : versionStamp(named, name);
  if (registryFile) {
    const registry = versions({ file: registryFile });
    const found = registry.get(name) ?? (registry.stages.includes(name) ? registry.current(name) : undefined);
    if (found) return found;
  }
  const known = Object.keys(config.versions ?? {});
  return `unknown version "${name}"${known.length ? `; the config names ${known.join(', ')}` : ''}${registryFile ? `; not an id, label or non-empty stage in ${registryFile}` : ''}`;
}

function fail(io: CliIO, message: string): number {
  io.stderr(`agentwarden eval: ${message}\n\n${usage}`);
  return 2;
}
