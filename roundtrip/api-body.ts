/**
 * Resource inputs as the Pulumi databricks provider receives them (camelCase, list blocks pluralised) turned
 * back into a REST body (snake_case), the way the provider does it: one generic conversion for every type,
 * the inverse of the stack's own components/mapping/api-args.ts, plus renames where a name is irregular.
 */
import { isPlainObject, MAP_FIELDS, pulumiName } from "../components/mapping/api-args";

export type Inputs = Record<string, unknown>;

/** API list fields with a singular name: the provider's schema (and the stack) pluralises them. */
const SINGULAR_LISTS = [
  "depends_on",
  "on_failure",
  "on_success",
  "on_start",
  "on_duration_warning_threshold_exceeded",
  "on_streaming_backlog_exceeded",
];

/** Pulumi name -> API name for every type, derived from the stack's own pluralisation. */
export const GLOBAL_RENAMES: Readonly<Record<string, string>> = Object.fromEntries(
  SINGULAR_LISTS.map((api) => [pulumiName(api, []), api]),
);

export function snake(camel: string): string {
  return camel.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/**
 * camelCase inputs -> snake_case body, at every depth. User-keyed maps (spark_conf, custom_tags...) keep
 * their keys; `renames` (type-specific, top level only) win over the generic rule; `drop` names
 * provider-only inputs that are never sent.
 */
export function apiBody(
  inputs: Inputs,
  opts: { renames?: Readonly<Record<string, string>>; drop?: readonly string[] } = {},
): Inputs {
  const out: Inputs = {};
  for (const [k, v] of Object.entries(inputs)) {
    if (v === undefined || opts.drop?.includes(k)) continue;
    const name = opts.renames?.[k] ?? GLOBAL_RENAMES[k] ?? snake(k);
    out[name] = convert(name, v);
  }
  return out;
}

function convert(apiName: string, v: unknown): unknown {
  if (MAP_FIELDS.has(apiName) && isPlainObject(v)) return { ...v };
  if (Array.isArray(v)) return v.map((x) => convert("", x));
  if (isPlainObject(v)) return apiBody(v);
  return v;
}
