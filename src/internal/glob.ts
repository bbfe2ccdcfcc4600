/** Tool-name patterns: exact names, or `*` for any run of characters. Linear time. */

/** A compiled matcher for a list of patterns. */
export type NameMatcher = (name: string) => boolean;

/** Compiles `patterns` once; exact names use a Set lookup. */
export function compileNames(patterns: readonly string[] | undefined): NameMatcher | undefined {
  if (!patterns) return undefined;
  const exact = new Set(patterns.filter((pattern) => !pattern.includes('*')));
  const globs = patterns.filter((pattern) => pattern.includes('*')).map((pattern) => pattern.split('*'));
  if (globs.length === 0) return (name) => exact.has(name);
  return (name) => exact.has(name) || globs.some((parts) => matchesGlob(name, parts));
}

function matchesGlob(name: string, parts: readonly string[]): boolean {
  const first = parts[0]!;
  const last = parts[parts.length - 1]!;
  if (!name.startsWith(first) || name.length < first.length + last.length) return false;
  let position = first.length;
  for (let index = 1; index < parts.length - 1; index++) {
    const found = name.indexOf(parts[index]!, position);
    if (found === -1) return false;
    position = found + parts[index]!.length;
  }
  return name.endsWith(last) && name.length - last.length >= position;
}
