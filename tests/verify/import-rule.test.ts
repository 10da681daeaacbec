/**
 * verify and the fault suite judge the exporter and the stack, so they compute their expectations without
 * their code: no module of verify/, and none of the fault suite's checking modules, reaches exporters/,
 * components/, roundtrip/, client/ or cli/, directly or through other modules. Imports are read with the
 * TypeScript compiler (type-only imports and re-exports included). The fault suite's drivers (run-seed.ts,
 * main.ts, and for the faults of the surroundings run-env.ts with the child export crash-child.ts) run the
 * exporter under test, and metrics.ts only counts their results: not expectation code.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { forbiddenReach as reach, ROOT } from "../helpers/import-reach";

const FORBIDDEN = ["exporters", "components", "roundtrip", "client", "cli"];
const DRIVERS = new Set([
  "fault-suite/run-seed.ts",
  "fault-suite/main.ts",
  "fault-suite/metrics.ts",
  "fault-suite/run-env.ts",
  "fault-suite/crash-child.ts",
]);
const forbiddenReach = (start: string, text?: string) => reach(FORBIDDEN, start, text);

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
    'import { skip } from "../components/mapping/refs";',
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
