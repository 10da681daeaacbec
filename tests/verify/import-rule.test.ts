/**
 * verify and the fault suite judge the exporter and the stack, so they compute their expectations without
 * their code: no module of verify/, and none of the fault suite's checking modules, reaches exporters/,
 * components/, roundtrip/, client/ or cli/, directly or through other modules. Imports are read with the
 * TypeScript compiler (type-only imports and re-exports included). The fault suite's drivers (run-seed.ts,
 * main.ts) run the exporter under test, and metrics.ts only counts their results: not expectation code.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";

const ROOT = path.join(__dirname, "../..");
const FORBIDDEN = ["exporters", "components", "roundtrip", "client", "cli"];
const DRIVERS = new Set(["fault-suite/run-seed.ts", "fault-suite/main.ts", "fault-suite/metrics.ts"]);

/** Project files (relative to ROOT) that `text` (the file `from`) imports. */
function importsOf(from: string, text: string): string[] {
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

/** For each forbidden module reached from `start`: the chain of imports that reaches it. */
function forbiddenReach(start: string, text = fs.readFileSync(path.join(ROOT, start), "utf8")): string[] {
  const out: string[] = [];
  const seen = new Set<string>([start]);
  const queue: string[][] = importsOf(start, text).map((f) => [start, f]);
  while (queue.length) {
    const chain = queue.shift()!;
    const file = chain[chain.length - 1];
    if (seen.has(file)) continue;
    seen.add(file);
    if (FORBIDDEN.includes(file.split("/")[0])) {
      out.push(chain.join(" -> "));
      continue;
    }
    for (const next of importsOf(file, fs.readFileSync(path.join(ROOT, file), "utf8")))
      queue.push([...chain, next]);
  }
  return out;
}

const sources = (dir: string) =>
  fs
    .readdirSync(path.join(ROOT, dir))
    .filter((f) => f.endsWith(".ts"))
    .map((f) => `${dir}/${f}`)
    .filter((f) => !DRIVERS.has(f));

it.each([...sources("verify"), ...sources("fault-suite")])("%s reaches no exporter or stack code", (file) => {
  expect(forbiddenReach(file)).toEqual([]);
});

it("the rule sees a direct import, a type-only one, a re-export and one through another module", () => {
  const planted = [
    'import { normalizeLegacyJob } from "../components/mapping/job";',
    'import type { ClusterStartPolicy } from "../components/config/schema";',
    'export { runExport } from "../exporters/run";',
  ];
  for (const line of planted) expect(forbiddenReach("verify/planted.ts", line)).toHaveLength(1);
  // kinds/ is the contract; a module that imports kinds/ only is fine.
  expect(forbiddenReach("verify/planted.ts", 'import { KINDS } from "../kinds/registry";')).toEqual([]);
  // Through a module of the run: roundtrip/index.ts is itself forbidden, and so is what reaches it.
  expect(forbiddenReach("verify/planted.ts", 'import "../roundtrip";')[0]).toMatch(
    /-> roundtrip\/index\.ts$/,
  );
});
