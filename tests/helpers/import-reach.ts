/**
 * Which project modules a module reaches through its imports (type-only imports and re-exports included,
 * read with the TypeScript compiler), for tests that keep one part of the project out of another.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";

export const ROOT = path.join(__dirname, "../..");

/** Project files (relative to ROOT) that `text` (the file `from`) imports. */
export function importsOf(from: string, text: string): string[] {
  return ts
    .preProcessFile(text, true, true)
    .importedFiles.map((f) => f.fileName)
    .filter((m) => m.startsWith("."))
    .flatMap((m) => {
      const base = path.join(path.dirname(path.join(ROOT, from)), m);
      const hit = [`${base}.ts`, path.join(base, "index.ts"), base].find(
        (c) => fs.existsSync(c) && fs.statSync(c).isFile(),
      );
      return hit ? [path.relative(ROOT, hit).split(path.sep).join("/")] : [];
    });
}

/** For each module under a `forbidden` folder (or that file) reached from `start`: the chain that reaches it. */
export function forbiddenReach(
  forbidden: readonly string[],
  start: string,
  text = fs.readFileSync(path.join(ROOT, start), "utf8"),
): string[] {
  const out: string[] = [];
  const seen = new Set<string>([start]);
  const queue: string[][] = importsOf(start, text).map((f) => [start, f]);
  while (queue.length) {
    const chain = queue.shift()!;
    const file = chain[chain.length - 1];
    if (seen.has(file)) continue;
    seen.add(file);
    if (forbidden.some((f) => file === f || file.startsWith(`${f}/`))) {
      out.push(chain.join(" -> "));
      continue;
    }
    for (const next of importsOf(file, fs.readFileSync(path.join(ROOT, file), "utf8")))
      queue.push([...chain, next]);
  }
  return out;
}
