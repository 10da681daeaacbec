/**
 * The emulator's independence, through other modules too: no module under emulator/ reaches client/,
 * exporters/, kinds/, components/ or verify/ through any chain of imports (an emulator module importing a
 * helper outside emulator/ that imports kinds/ breaks the rule as surely as a direct import; the direct
 * scan in independence.test.ts cannot see it).
 */
import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { forbiddenReach, ROOT } from "../helpers/import-reach";

const FORBIDDEN = ["client", "exporters", "kinds", "components", "verify"];

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? tsFiles(p) : p.endsWith(".ts") ? [p] : [];
  });
}

it("no emulator module reaches client/, exporters/, kinds/, components/ or verify/", () => {
  const files = tsFiles(join(ROOT, "emulator")).map((f) => relative(ROOT, f).split(/[\\/]/).join("/"));
  expect(files.length).toBeGreaterThan(30);
  expect(files.flatMap((f) => forbiddenReach(FORBIDDEN, f))).toEqual([]);
});

it("sees a forbidden module reached through a module outside emulator/", () => {
  // fault-suite/primary.ts imports kinds/common.ts: one step away, invisible to a direct scan.
  const planted = 'import type { Primary } from "../fault-suite/primary";';
  expect(forbiddenReach(FORBIDDEN, "emulator/planted.ts", planted)).toEqual([
    "emulator/planted.ts -> fault-suite/primary.ts -> kinds/common.ts",
  ]);
});
