import { z } from "zod";
import { apiShape, Ref } from "../common";

/**
 * A Databricks SQL query as the current Queries API (`GET /api/2.0/sql/queries/{id}`) returns it, its
 * read-only fields left out. Every field the stack or verify reads is type-checked; others are kept.
 */
const str = z.string();
const multiValues = z.looseObject({
  prefix: str.optional(),
  separator: str.optional(),
  suffix: str.optional(),
});

/** `QueryParameter`: a name and exactly one value kind (text, numeric, enum, query-backed, date, range). */
const VALUE_KINDS = [
  "text_value",
  "numeric_value",
  "enum_value",
  "query_backed_value",
  "date_value",
  "date_range_value",
] as const;
export const queryParameterSchema = z
  .looseObject({
    name: str.min(1),
    title: str.optional(),
    text_value: z.looseObject({ value: str }).optional(),
    numeric_value: z.looseObject({ value: z.number() }).optional(),
    enum_value: z
      .looseObject({
        enum_options: str.optional(),
        values: z.array(str).optional(),
        multi_values_options: multiValues.optional(),
      })
      .optional(),
    query_backed_value: z
      .looseObject({
        query_id: str.min(1),
        values: z.array(str).optional(),
        multi_values_options: multiValues.optional(),
      })
      .optional(),
    date_value: z.looseObject({}).optional(),
    date_range_value: z.looseObject({}).optional(),
  })
  .refine((p) => VALUE_KINDS.filter((k) => p[k] !== undefined).length <= 1, {
    message: `a query parameter has at most one of ${VALUE_KINDS.join(", ")}`,
  });

export const querySettingsSchema = z.looseObject({
  display_name: str.min(1),
  query_text: str,
  warehouse_id: str.min(1),
  description: str.optional(),
  catalog: str.optional(),
  schema: str.optional(),
  parent_path: str.optional(),
  owner_user_name: str.optional(),
  run_as_mode: z.enum(["OWNER", "VIEWER"]).optional(),
  apply_auto_limit: z.boolean().optional(),
  tags: z.array(str).optional(),
  parameters: z.array(queryParameterSchema).optional(),
});

export const sqlQuerySchema = z.object({
  /** The primary's query id: the stable id (a rename keeps it); the stack maps it to the secondary's. */
  id: z.string().min(1),
  name: z.string().min(1),
  settings: apiShape(querySettingsSchema),
});
export type SqlQueryDescriptor = z.infer<typeof sqlQuerySchema>;

type Obj = Record<string, unknown>;
const arr = (v: unknown): Obj[] => (Array.isArray(v) ? (v as Obj[]) : []);

/** A principal named by user name (an e-mail) or by an SP's application id. */
export function principalKind(name: string): "user" | "service-principal" {
  return name.includes("@") ? "user" : "service-principal";
}

/**
 * What a query names: its warehouse (hard: a query runs nowhere without one), the queries its
 * query-backed parameters read their values from, and its owner.
 */
export function sqlQueryReferences(d: SqlQueryDescriptor): Ref[] {
  const s = d.settings;
  const refs: Ref[] = [];
  if (typeof s.warehouse_id === "string")
    refs.push({ kind: "sql-warehouse", id: s.warehouse_id, field: "settings.warehouse_id" });
  arr(s.parameters).forEach((p, i) => {
    const q = (p.query_backed_value as Obj | undefined)?.query_id;
    if (typeof q === "string")
      refs.push({ kind: "sql-query", id: q, field: `settings.parameters[${i}].query_backed_value.query_id` });
  });
  if (typeof s.owner_user_name === "string" && s.owner_user_name !== "")
    refs.push({
      kind: principalKind(s.owner_user_name),
      id: s.owner_user_name,
      field: "settings.owner_user_name",
    });
  return refs;
}
