/**
 * The Pulumi databricks provider's argument types, read from its own declarations (node_modules/@pulumi/
 * databricks/*.d.ts) with the TypeScript compiler, so tests can check that mapped arguments use only
 * property names the provider knows, at every depth, and that no user-keyed map is renamed.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";

export interface PropInfo {
  /** The inputs.X interface the property holds (or an array of). */
  ref?: string;
  array: boolean;
  /** A `{ [key: string]: ... }` map: its keys are data. */
  map: boolean;
}
export type TypeTable = Map<string, Map<string, PropInfo>>;

const ROOT = path.join(__dirname, "../../../node_modules/@pulumi/databricks");

function collect(file: string, table: TypeTable): void {
  const src = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.ES2022, true);
  src.forEachChild((node) => {
    if (!ts.isInterfaceDeclaration(node)) return;
    const props = new Map<string, PropInfo>();
    for (const m of node.members) {
      if (!ts.isPropertySignature(m) || !m.type) continue;
      const text = m.type.getText(src);
      props.set(m.name.getText(src), {
        ref: /inputs\.([A-Za-z0-9]+)/.exec(text)?.[1],
        array: /\[\]/.test(text.replace(/\[key: string\]/g, "")),
        map: /\[key: string\]/.test(text),
      });
    }
    table.set(node.name.text, props);
  });
}

let cached: TypeTable | undefined;

export function providerTypes(): TypeTable {
  if (cached) return cached;
  const table: TypeTable = new Map();
  collect(path.join(ROOT, "types/input.d.ts"), table);
  for (const f of ["job", "cluster", "instancePool", "sqlEndpoint", "clusterPolicy", "permissions"])
    collect(path.join(ROOT, `${f}.d.ts`), table);
  cached = table;
  return table;
}

/** Property paths of `value` that the provider's type `typeName` does not declare. */
export function unknownProperties(value: unknown, typeName: string, at = typeName): string[] {
  const props = providerTypes().get(typeName);
  if (!props) return [`${at}: no type ${typeName}`];
  if (!value || typeof value !== "object") return [];
  const errors: string[] = [];
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    const p = props.get(k);
    if (!p) {
      errors.push(`${at}.${k}`);
      continue;
    }
    if (p.map || !p.ref || v === null || typeof v !== "object") continue;
    if (Array.isArray(v))
      v.forEach((x, i) => errors.push(...unknownProperties(x, p.ref!, `${at}.${k}[${i}]`)));
    else errors.push(...unknownProperties(v, p.ref, `${at}.${k}`));
  }
  return errors;
}

/** Every map-typed property reachable from the given root types, as `Type.property`. */
export function mapProperties(roots: string[]): { type: string; prop: string }[] {
  const table = providerTypes();
  const out: { type: string; prop: string }[] = [];
  const seen = new Set<string>();
  const walk = (t: string) => {
    if (seen.has(t)) return;
    seen.add(t);
    for (const [prop, info] of table.get(t) ?? []) {
      if (info.map) out.push({ type: t, prop });
      else if (info.ref) walk(info.ref);
    }
  };
  roots.forEach(walk);
  return out;
}
