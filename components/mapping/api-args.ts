/**
 * Turns a settings object as the Databricks REST API spells it (snake_case) into the argument shape of the
 * Pulumi databricks provider (camelCase; list blocks pluralised: `depends_on` -> `dependsOns`,
 * `on_failure` -> `onFailures`). Values that are not plain objects or arrays (strings, numbers, Pulumi
 * Outputs put there by reference remapping) are copied as they are. tests/stack/mapping/api-args.test.ts
 * checks the result against the provider's own type declarations.
 */

/** Fields whose value is a user-keyed string map: keys are data (`spark.executor.memory`), never renamed. */
export const MAP_FIELDS: ReadonlySet<string> = new Set([
  "spark_conf",
  "spark_env_vars",
  "custom_tags",
  "base_parameters",
  "notebook_base_parameters",
  "filters",
  "tags",
  "job_parameters",
  "notebook_params",
  "python_named_params",
  "sql_params",
  "named_parameters",
  "extra_configs",
  "parameters",
  "options",
  "env_vars",
]);

/** Irregular plurals of list fields. */
const PLURALS: Record<string, string> = { on_success: "onSuccesses" };

export function camel(snake: string): string {
  return snake.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== "object" || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

export function pulumiName(key: string, value: unknown): string {
  if (PLURALS[key] && Array.isArray(value)) return PLURALS[key];
  const c = camel(key);
  return Array.isArray(value) && !c.endsWith("s") ? `${c}s` : c;
}

export function toPulumiArgs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toPulumiArgs);
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (v === undefined) continue;
    out[pulumiName(k, v)] = MAP_FIELDS.has(k) && isPlainObject(v) ? { ...v } : toPulumiArgs(v);
  }
  return out;
}

/** A deep copy of JSON-like data (descriptors are never mutated by the mapping). */
export function cloneJson<T>(v: T): T {
  return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}
