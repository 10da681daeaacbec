import { invalid, notFound } from "../errors";
import { ok } from "../http";
import { Router } from "../router";
import { Obj } from "../state/types";
import { WorkspaceState } from "../state/workspace-state";
import { sqlCollection } from "./sql-objects";

/**
 * The current Queries and Alerts APIs, write side, as the REST reference documents them: create takes
 * `{query|alert: {...}}` (no owner: the caller owns it), update is a PATCH naming the fields it changes
 * in `update_mask` (`*` for all, owner included), delete moves the object to the trash (gone from lists,
 * still readable with lifecycle_state TRASHED).
 */
const CREATE_FIELDS = {
  queries: [
    "display_name",
    "description",
    "query_text",
    "warehouse_id",
    "catalog",
    "schema",
    "parent_path",
    "run_as_mode",
    "apply_auto_limit",
    "tags",
    "parameters",
  ],
  alerts: [
    "display_name",
    "query_id",
    "condition",
    "custom_body",
    "custom_subject",
    "notify_on_ok",
    "seconds_to_retrigger",
    "parent_path",
  ],
} as const;
const REQUIRED = { queries: ["display_name"], alerts: ["display_name", "query_id", "condition"] } as const;
const KEY = { queries: "query", alerts: "alert" } as const;
type Kind = keyof typeof KEY;

function iso(state: WorkspaceState): string {
  return new Date(state.now()).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** The references the object names must exist (a query's warehouse, an alert's query). */
function checkRefs(state: WorkspaceState, kind: Kind, o: Obj): void {
  if (kind === "queries" && typeof o.warehouse_id === "string" && !state.warehouses.has(o.warehouse_id))
    throw invalid(`Warehouse ${o.warehouse_id} does not exist.`);
  if (kind === "alerts" && !sqlCollection(state, "sql/queries").has(String(o.query_id)))
    throw notFound(`Query ${String(o.query_id)} does not exist.`);
}

function bodyOf(kind: Kind, body: Obj): Obj {
  const o = body[KEY[kind]];
  if (!o || typeof o !== "object" || Array.isArray(o)) throw invalid(`Missing required field: ${KEY[kind]}`);
  return o as Obj;
}

export function registerSqlObjectWrites(r: Router): void {
  for (const kind of Object.keys(KEY) as Kind[]) {
    const collection = `sql/${kind}`;
    const live = (state: WorkspaceState, id: string): Obj => {
      const o = sqlCollection(state, collection).get(id);
      if (!o || o.lifecycle_state === "TRASHED") throw notFound(`${KEY[kind]} ${id} does not exist.`);
      return o;
    };
    r.post(`/api/2.0/${collection}`, (ctx) => {
      const { state } = ctx;
      const given = bodyOf(kind, ctx.body);
      for (const f of REQUIRED[kind])
        if (given[f] === undefined || given[f] === "")
          throw invalid(`Missing required field: ${KEY[kind]}.${f}`);
      const id = [8, 4, 4, 4, 12].map((n) => state.hexId(n)).join("-");
      const o: Obj = { id };
      for (const f of CREATE_FIELDS[kind]) if (given[f] !== undefined) o[f] = given[f];
      checkRefs(state, kind, o);
      Object.assign(o, {
        owner_user_name: state.currentUser,
        lifecycle_state: "ACTIVE",
        create_time: iso(state),
        update_time: iso(state),
        ...(kind === "queries" ? { last_modifier_user_name: state.currentUser } : { state: "UNKNOWN" }),
      });
      sqlCollection(state, collection).set(id, o);
      return ok(o);
    });
    r.patch(`/api/2.0/${collection}/{id}`, (ctx) => {
      const { state } = ctx;
      const o = live(state, ctx.params.id);
      const mask = ctx.body.update_mask;
      if (typeof mask !== "string" || mask === "") throw invalid("Missing required field: update_mask");
      const given = bodyOf(kind, ctx.body);
      const allowed: readonly string[] = [...CREATE_FIELDS[kind], "owner_user_name"];
      const fields = mask === "*" ? allowed : mask.split(",").map((f) => f.trim());
      for (const f of fields) {
        if (!allowed.includes(f)) throw invalid(`Invalid update_mask field: ${f}`);
        if (given[f] === undefined) delete o[f];
        else o[f] = given[f];
      }
      checkRefs(state, kind, o);
      o.update_time = iso(state);
      return ok(o);
    });
    r.delete(`/api/2.0/${collection}/{id}`, (ctx) => {
      live(ctx.state, ctx.params.id).lifecycle_state = "TRASHED";
      return ok({});
    });
  }
}
