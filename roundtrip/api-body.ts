/**
 * Resource inputs as the Pulumi databricks provider receives them turned back into a REST body, the way the
 * provider does it, WITHOUT the stack's own mapping: the walk follows the provider's declarations
 * (roundtrip/provider-schema.ts, read from @pulumi/databricks' .d.ts), a property the provider does not
 * declare is an error (the provider would refuse it), user-keyed maps are the ones the provider declares as
 * maps, and names are the declared name in snake_case unless listed in REST_NAMES (roundtrip/rest-names.ts,
 * where each irregular is checked against the declarations and the REST fields the emulator and the
 * recorded fixtures hold).
 */
import { inputType, Prop, resourceArgs, Shape, TypeDecl } from "./provider-schema";
import { restName } from "./rest-names";

export type Inputs = Record<string, unknown>;

export function snake(camel: string): string {
  return camel.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** An input the provider does not declare: the provider would refuse the resource. */
export class UndeclaredInput extends Error {}

const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === "object" && !Array.isArray(v);

function convert(v: unknown, shape: Shape, at: string): unknown {
  if (v === undefined || v === null) return v;
  switch (shape.t) {
    case "array":
      return Array.isArray(v) ? v.map((x, i) => convert(x, shape.of, `${at}[${i}]`)) : v;
    case "map":
      return isObject(v) ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, x])) : v;
    case "ref": {
      const decl = inputType(shape.name);
      return decl && isObject(v) ? body(v, shape.name, decl, at) : v;
    }
    case "union": {
      const ref = shape.of.find((s) => s.t === "ref" || s.t === "array" || s.t === "map");
      return ref ? convert(v, ref, at) : v;
    }
    default:
      return v;
  }
}

function body(
  inputs: Inputs,
  typeName: string,
  decl: TypeDecl,
  at: string,
  drop: readonly string[] = [],
): Inputs {
  const out: Inputs = {};
  for (const [k, v] of Object.entries(inputs)) {
    if (v === undefined || drop.includes(k)) continue;
    const p: Prop | undefined = decl.get(k);
    if (!p) throw new UndeclaredInput(`${at}.${k}: the provider declares no input ${k} on ${typeName}`);
    out[restName(typeName, k) ?? snake(k)] = convert(v, p.shape, `${at}.${k}`);
  }
  return out;
}

/**
 * A resource's inputs (type token `databricks:index/job:Job`) -> its REST body. `drop` names provider-only
 * inputs at the top level that the call does not take (`noWait`, `isPinned`...).
 */
export function apiBody(type: string, inputs: Inputs, opts: { drop?: readonly string[] } = {}): Inputs {
  const args = resourceArgs(type);
  if (!args) throw new UndeclaredInput(`${type}: no such resource type in @pulumi/databricks`);
  return body(inputs, args.name, args.decl, args.name, opts.drop);
}

/** A nested block's inputs (declared type `ClusterLibrary`...) -> REST body. */
export function blockBody(typeName: string, inputs: Inputs): Inputs {
  const decl = inputType(typeName);
  if (!decl) throw new UndeclaredInput(`no provider input type ${typeName}`);
  return body(inputs, typeName, decl, typeName);
}
