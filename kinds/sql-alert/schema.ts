import { z } from "zod";
import { apiShape, Ref } from "../common";
import { principalKind } from "../sql-query/schema";

/**
 * A Databricks SQL alert as the current Alerts API (`GET /api/2.0/sql/alerts/{id}`) returns it, its
 * read-only fields (state, trigger time, ...) left out. This API has no schedule of its own: an alert is
 * evaluated by the job task that runs it (sql_task.alert), paused while passive with the job.
 */
const str = z.string();

export const alertConditionSchema = z.looseObject({
  op: z.enum([
    "GREATER_THAN",
    "GREATER_THAN_OR_EQUAL",
    "LESS_THAN",
    "LESS_THAN_OR_EQUAL",
    "EQUAL",
    "NOT_EQUAL",
    "IS_NULL",
  ]),
  operand: z.looseObject({ column: z.looseObject({ name: str.min(1) }) }),
  threshold: z
    .looseObject({
      value: z
        .looseObject({
          string_value: str.optional(),
          double_value: z.number().optional(),
          bool_value: z.boolean().optional(),
        })
        .refine((v) => ["string_value", "double_value", "bool_value"].filter((k) => k in v).length === 1, {
          message: "a threshold value is exactly one of string_value, double_value, bool_value",
        }),
    })
    .optional(),
  empty_result_state: z.enum(["UNKNOWN", "OK", "TRIGGERED"]).optional(),
});

export const alertSettingsSchema = z.looseObject({
  display_name: str.min(1),
  query_id: str.min(1),
  condition: alertConditionSchema,
  custom_body: str.optional(),
  custom_subject: str.optional(),
  notify_on_ok: z.boolean().optional(),
  seconds_to_retrigger: z.number().int().nonnegative().optional(),
  owner_user_name: str.optional(),
  parent_path: str.optional(),
});

export const sqlAlertSchema = z.object({
  /** The primary's alert id: the stable id; the stack maps it to the secondary's. */
  id: z.string().min(1),
  name: z.string().min(1),
  settings: apiShape(alertSettingsSchema),
});
export type SqlAlertDescriptor = z.infer<typeof sqlAlertSchema>;

/** What an alert names: the query it evaluates (hard: an alert without it means nothing) and its owner. */
export function sqlAlertReferences(d: SqlAlertDescriptor): Ref[] {
  const s = d.settings;
  const refs: Ref[] = [];
  if (typeof s.query_id === "string")
    refs.push({ kind: "sql-query", id: s.query_id, field: "settings.query_id" });
  if (typeof s.owner_user_name === "string" && s.owner_user_name !== "")
    refs.push({
      kind: principalKind(s.owner_user_name),
      id: s.owner_user_name,
      field: "settings.owner_user_name",
    });
  return refs;
}
