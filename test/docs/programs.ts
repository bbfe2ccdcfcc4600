/**
 * Writes the docs' complete programs into a folder, type-checks them all with one `tsc`, and
 * runs each in a child process with no network and no API key.
 *
 * How `agentwarden` resolves:
 * - for the type check, through the `paths` of the repository's tsconfig.json (to src/), as the
 *   examples do. Not through the built package's .d.ts: building them takes ~20 s on this 2-core
 *   machine (`npx tsup`, measured), more than this whole test, and the built types are checked
 *   where they ship, on the packed tarball in .ci/run (attw);
 * - for the runs, through a package folder built for the test: the same entries (read from those
 *   `paths`) bundled from src/ with esbuild, as tsup builds the package (~0.2 s), in
 *   `node_modules/agentwarden` beside the programs. A program then starts in ~0.4 s with plain
 *   `node`, where tsx compiling src/ for each one takes ~1.5 s.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, transform } from 'esbuild';
import ts from 'typescript';
import type { DocBlock } from './doc-blocks.js';

/** A complete program on disk: `<folder>/<n>/main.ts`, run as `main.mjs` with `<folder>/<n>` as its cwd. */
export interface Program {
  readonly block: DocBlock;
  readonly dir: string;
  readonly path: string;
}

/** What a finished child process left. */
export interface ProgramResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Refuses every socket that is not on this machine: a docs program must run as written with
 * no network (a Redis on 127.0.0.1 is allowed). Loaded with `--import` before the program.
 */
const NO_NETWORK = `import net from 'node:net';
const connect = net.Socket.prototype.connect;
const local = new Set(['localhost', '127.0.0.1', '::1', undefined]);
net.Socket.prototype.connect = function (...args) {
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  const options = typeof first === 'object' && first !== null ? first : { port: first, host: typeof args[1] === 'string' ? args[1] : undefined };
  if (options.path === undefined && !local.has(options.host)) throw new Error('docs programs run without network: refused a connection to ' + options.host);
  return connect.apply(this, args);
};
`;

/** The package's entry points, `agentwarden` and `agentwarden/<name>`, with their source files (tsconfig.json `paths`). */
export function packageEntries(repositoryRoot: string): Array<{ specifier: string; source: string }> {
  const { config, error } = ts.readConfigFile(join(repositoryRoot, 'tsconfig.json'), ts.sys.readFile);
  if (error) throw new Error(`tsconfig.json: ${ts.flattenDiagnosticMessageText(error.messageText, '\n')}`);
  const paths = (config?.compilerOptions?.paths ?? {}) as Record<string, string[]>;
  const entries = Object.entries(paths)
    .filter(([specifier]) => specifier === 'agentwarden' || specifier.startsWith('agentwarden/'))
    .map(([specifier, [source]]) => ({ specifier, source: join(repositoryRoot, source!) }));
  if (entries.length === 0) throw new Error('tsconfig.json has no `paths` for agentwarden');
  return entries;
}

/** Writes a tsconfig, a package.json, the network guard and one folder per program under `folder`. */
export function writePrograms(folder: string, repositoryRoot: string, blocks: readonly DocBlock[]): Program[] {
  const config = {
    extends: relative(folder, join(repositoryRoot, 'tsconfig.json')),
    // `tsc --strict` as a user would run it: the repository's own extra checks are for src/.
    compilerOptions: { strict: true, noUncheckedIndexedAccess: false, noImplicitOverride: false, moduleDetection: 'force', noEmit: true },
    include: ['*/main.ts'],
  };
  writeFileSync(join(folder, 'tsconfig.json'), `${JSON.stringify(config, null, 2)}\n`);
  // A package scope of its own, so `agentwarden` is not the repository's self-reference (dist/) but node_modules/agentwarden.
  writeFileSync(join(folder, 'package.json'), `${JSON.stringify({ name: 'agentwarden-docs-programs', private: true, type: 'module' })}\n`);
  writeFileSync(join(folder, 'no-network.mjs'), NO_NETWORK);
  return blocks.map((block, index) => {
    const dir = join(folder, String(index + 1).padStart(2, '0'));
    mkdirSync(dir);
    const path = join(dir, 'main.ts');
    writeFileSync(path, `// ${block.where}\n${block.code}`);
    return { block, dir, path };
  });
}

/** Builds `folder/node_modules/agentwarden` from src/ (JavaScript only) and turns each program into `main.mjs`. */
export async function buildForRuns(folder: string, repositoryRoot: string, programs: readonly Program[]): Promise<void> {
  const out = join(folder, 'node_modules', 'agentwarden');
  const entries = packageEntries(repositoryRoot).map(({ specifier, source }) => ({ name: specifier === 'agentwarden' ? 'index' : specifier.slice('agentwarden/'.length), source }));
  await build({
    entryPoints: Object.fromEntries(entries.map(({ name, source }) => [name, source])),
    outdir: out,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    logLevel: 'error',
  });
  // The learned screen's weights sit beside the bundles, as in the published package.
  copyFileSync(join(repositoryRoot, 'src', 'security', 'classifier', 'screen-model.bin'), join(out, 'screen-model.bin'));
  const exports = Object.fromEntries(entries.map(({ name }) => [name === 'index' ? '.' : `./${name}`, `./${name}.js`]));
  writeFileSync(join(out, 'package.json'), `${JSON.stringify({ name: 'agentwarden', type: 'module', exports }, null, 2)}\n`);
  await Promise.all(
    programs.map(async (program) => {
      const { code } = await transform(program.block.code, { loader: 'ts', format: 'esm', target: 'node20', sourcefile: program.block.where });
      writeFileSync(join(program.dir, 'main.mjs'), code);
    }),
  );
}

/** One `tsc -p` over every program; returns its output, with each error's place mapped back to the Markdown line. */
export async function typeCheck(folder: string, repositoryRoot: string, programs: readonly Program[]): Promise<{ ok: boolean; output: string }> {
  const tsc = join(repositoryRoot, 'node_modules', 'typescript', 'bin', 'tsc');
  const result = await run(process.execPath, [tsc, '-p', join(folder, 'tsconfig.json'), '--pretty', 'false'], { cwd: folder, timeout: 180_000 });
  const byFolder = new Map(programs.map((program) => [relative(folder, program.path), program.block]));
  // `01/main.ts(12,5): error TS2304: ...` → `README.md:40 (line 11 of the block at README.md:29): error TS2304: ...`
  const output = `${result.stdout}${result.stderr}`.replace(/^(?:.*[\\/])?(\d+[\\/]main\.ts)\((\d+),(\d+)\)/gm, (whole, file: string, line: string) => {
    const block = byFolder.get(file.replace('\\', '/'));
    if (!block) return whole;
    const inBlock = Number(line) - 1; // the first line of main.ts names the block
    return `${block.file}:${block.line + inBlock} (line ${inBlock} of the block at ${block.where})`;
  });
  return { ok: result.code === 0, output };
}

/** Runs one program (`main.mjs`, from `buildForRuns`) with the network guard and no API keys in its environment. */
export function runProgram(folder: string, program: Program, env: Record<string, string> = {}): Promise<ProgramResult> {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/(_API_KEY|_TOKEN|_SECRET)$/.test(name)));
  return run(process.execPath, ['--import', pathToFileURL(join(folder, 'no-network.mjs')).href, join(program.dir, 'main.mjs')], {
    cwd: program.dir,
    timeout: 60_000,
    env: { ...clean, ...env },
  });
}

/** Runs up to `concurrency` tasks at once, in order of the list; resolves with every result. */
export async function inPool<T, R>(items: readonly T[], concurrency: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  async function worker(): Promise<void> {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index]!);
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}

function run(command: string, args: string[], options: { cwd: string; timeout: number; env?: NodeJS.ProcessEnv }): Promise<ProgramResult> {
  return new Promise((resolve) => {
    execFile(command, args, { ...options, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const failure = error as (NodeJS.ErrnoException & { code?: number | string; signal?: NodeJS.Signals }) | null;
      resolve({ code: failure ? (typeof failure.code === 'number' ? failure.code : null) : 0, signal: failure?.signal ?? null, stdout, stderr });
    });
  });
}
