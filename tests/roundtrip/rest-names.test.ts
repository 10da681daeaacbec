/**
 * Each irregular name of the round trip's inverse (roundtrip/rest-names.ts) against both worlds: the
 * provider's declarations hold the property on a matching type, and the REST field is one the emulator's
 * routes read or the recorded fixtures hold (or, failing both, a documented REST page is named).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { inputType, resourceArgs } from "../../roundtrip/provider-schema";
import { REST_NAMES } from "../../roundtrip/rest-names";

const ROOT = path.join(__dirname, "../..");
const INPUT_DTS = fs.readFileSync(require.resolve("@pulumi/databricks/types/input.d.ts"), "utf8");
const INPUT_TYPES = [...INPUT_DTS.matchAll(/^export interface ([A-Za-z0-9]+) \{/gm)].map((m) => m[1]);

function filesUnder(dir: string, ext: RegExp): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? filesUnder(p, ext) : ext.test(e.name) ? [p] : [];
  });
}
const REST_TEXT = [
  ...filesUnder(path.join(ROOT, "emulator"), /\.ts$/),
  ...filesUnder(path.join(ROOT, "tests/fixtures/databricks-api"), /\.json$/),
  ...filesUnder(path.join(ROOT, "../shared/fixtures/databricks-api"), /\.json$/),
]
  .map((f) => fs.readFileSync(f, "utf8"))
  .join("\n");

/** Provider types an entry can hold in: input types and the resources' Args. */
function typesMatching(re: RegExp): string[] {
  const resources = fs
    .readdirSync(path.dirname(require.resolve("@pulumi/databricks/package.json")))
    .filter((f) => f.endsWith(".d.ts"))
    .map((f) => f.replace(/\.d\.ts$/, ""));
  const args = resources.flatMap((f) => {
    const cls = f[0].toUpperCase() + f.slice(1);
    const a = resourceArgs(`databricks:index/${f}:${cls}`);
    return a && re.test(a.name) ? [a.name] : [];
  });
  return [...INPUT_TYPES.filter((t) => re.test(t)), ...args];
}

const declares = (type: string, prop: string) =>
  !!(
    inputType(type)?.has(prop) ||
    resourceArgs(`databricks:index/${lower(type)}:${type.replace(/Args$/, "")}`)?.decl.has(prop)
  );
const lower = (t: string) => t[0].toLowerCase() + t.replace(/Args$/, "").slice(1);

it.each(REST_NAMES.map((r) => [`${r.types.source}.${r.prop} -> ${r.rest}`, r] as const))(
  "%s: declared by the provider, spoken by the REST API",
  (_n, r) => {
    const holders = typesMatching(r.types).filter((t) => declares(t, r.prop));
    expect(holders.length).toBeGreaterThan(0);
    const spoken = new RegExp(`\\b${r.rest}\\b`).test(REST_TEXT);
    if (!spoken) expect(r.doc).toMatch(/^https:\/\/docs\.databricks\.com\/api\//);
    // The irregular differs from the generic rule, or it would not be listed.
    expect(r.rest).not.toBe(r.prop.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`));
  },
);

it("lists each irregular once", () => {
  const keys = REST_NAMES.map((r) => `${r.types.source}.${r.prop}`);
  expect(new Set(keys).size).toBe(keys.length);
});
