/**
 * Checks a resource's inputs, as the Pulumi engine receives them, against the provider's own declarations
 * (roundtrip/provider-schema.ts): every property known at every depth, scalars of the declared type,
 * required properties present. A finding names the resource type and the property path.
 */
import { inputType, resourceArgs, Shape, TypeDecl } from "./provider-schema";

export interface ShapeFinding {
  /** The resource type token: `databricks:index/job:Job`. */
  type: string;
  /** `JobArgs.gitSource.gitUrl`, `JobArgs.tasks[0].notebookTask.notebookPath`. */
  path: string;
  problem: string;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === "object" && !Array.isArray(v);

const describe = (v: unknown) => (Array.isArray(v) ? "an array" : v === null ? "null" : typeof v);

function shapeText(s: Shape): string {
  switch (s.t) {
    case "literal":
      return JSON.stringify(s.value);
    case "ref":
      return s.name;
    case "array":
      return `${shapeText(s.of)}[]`;
    case "map":
      return `map of ${shapeText(s.of)}`;
    case "union":
      return s.of.map(shapeText).join(" | ");
    default:
      return s.t;
  }
}

/** Problems of `value` against `shape`, each `[path, problem]`. */
function check(value: unknown, shape: Shape, at: string, out: [string, string][]): void {
  if (value === undefined || value === null) return;
  switch (shape.t) {
    case "any":
      return;
    case "string":
    case "number":
    case "boolean":
      if (typeof value !== shape.t) out.push([at, `is ${describe(value)}, the provider declares ${shape.t}`]);
      return;
    case "literal":
      if (value !== shape.value)
        out.push([at, `is ${JSON.stringify(value)}, the provider declares ${shapeText(shape)}`]);
      return;
    case "array":
      if (!Array.isArray(value)) {
        out.push([at, `is ${describe(value)}, the provider declares ${shapeText(shape)}`]);
        return;
      }
      value.forEach((x, i) => check(x, shape.of, `${at}[${i}]`, out));
      return;
    case "map":
      if (!isObject(value)) {
        out.push([at, `is ${describe(value)}, the provider declares ${shapeText(shape)}`]);
        return;
      }
      for (const [k, x] of Object.entries(value)) check(x, shape.of, `${at}[${JSON.stringify(k)}]`, out);
      return;
    case "union": {
      const tries = shape.of.map((s) => {
        const o: [string, string][] = [];
        check(value, s, at, o);
        return o;
      });
      if (tries.some((o) => o.length === 0)) return;
      // The closest member's problems (fewest), so a typo inside an object still reads as a typo.
      out.push(...tries.sort((a, b) => a.length - b.length)[0]);
      return;
    }
    case "ref": {
      const decl = inputType(shape.name);
      if (!decl) return; // a type from elsewhere (pulumi.Resource...): not the provider's to declare
      if (!isObject(value)) {
        out.push([at, `is ${describe(value)}, the provider declares ${shape.name}`]);
        return;
      }
      checkObject(value, decl, at, out);
    }
  }
}

function checkObject(value: Record<string, unknown>, decl: TypeDecl, at: string, out: [string, string][]) {
  for (const [k, x] of Object.entries(value)) {
    const p = decl.get(k);
    if (!p) {
      if (x !== undefined) out.push([`${at}.${k}`, "unknown property: the provider declares no such input"]);
      continue;
    }
    check(x, p.shape, `${at}.${k}`, out);
  }
  for (const [k, p] of decl)
    if (p.required && (value[k] === undefined || value[k] === null))
      out.push([`${at}.${k}`, "required by the provider, missing"]);
}

/** Every shape problem of one resource's inputs (empty: the provider would take them). */
export function checkResourceInputs(type: string, inputs: Record<string, unknown>): ShapeFinding[] {
  const args = resourceArgs(type);
  if (!args) return [{ type, path: type, problem: "no such resource type in @pulumi/databricks" }];
  const out: [string, string][] = [];
  checkObject(inputs, args.decl, args.name, out);
  return out.map(([path, problem]) => ({ type, path, problem }));
}

export function formatFinding(f: ShapeFinding): string {
  return `${f.type}: ${f.path}: ${f.problem}`;
}
