import { ipListState } from "../routes/ip-access-lists";
import { sqlCollection } from "../routes/sql-objects";
import { WsNode } from "../state/tree";
import { WorkspaceState } from "../state/workspace-state";
import { grant, group, user } from "./build";

/** How many DLT pipelines, SQL queries, SQL alerts and IP access lists the large workspace holds. */
export interface LargeSqlPipelineSizes {
  pipelines: number;
  sqlQueries: number;
  sqlAlerts: number;
  ipAccessLists: number;
}
export const LARGE_SQL_PIPELINE_DEFAULTS: LargeSqlPipelineSizes = {
  pipelines: 100,
  sqlQueries: 500,
  sqlAlerts: 100,
  ipAccessLists: 5,
};

export interface LargeSqlPipelineContext {
  notebooks: readonly WsNode[];
  warehouseIds: readonly string[];
  users: readonly string[];
  groups: readonly string[];
  time: number;
}

const hex = (i: number, len: number) => i.toString(16).padStart(len, "0");

/**
 * The large workspace's DLT pipelines (one to three notebook libraries of the large tree each, a
 * default cluster with autoscale or fixed workers, a mix of triggered/continuous and dev/prod), SQL
 * queries in the current API shape (seeds/sample-sql.ts) spread over the warehouses, alerts on the first
 * `sqlAlerts` queries, and IP access lists (ALLOW/BLOCK, a few documentation-range CIDRs each; the first
 * ALLOW list also holds the loopback address, so the enabled lists never block the emulator's callers).
 * Permissions as the sample has them: pipelines an owner and a group; every fifth query and alert a group.
 */
export function buildLargeSqlPipelines(
  state: WorkspaceState,
  n: LargeSqlPipelineSizes,
  ctx: LargeSqlPipelineContext,
): void {
  const owner = (i: number) => ctx.users[i % Math.max(1, ctx.users.length)] ?? state.currentUser;
  const grp = (i: number) => (ctx.groups.length ? ctx.groups[i % ctx.groups.length] : undefined);
  const iso = (dt: number) => new Date(ctx.time + dt).toISOString().replace(/\.\d{3}Z$/, "Z");

  for (let i = 0; i < n.pipelines; i++) {
    const id = `1a000000-0000-4000-8000-${hex(i, 12)}`;
    const name = `dlt-pipeline-${String(i).padStart(4, "0")}`;
    const libs = ctx.notebooks.length
      ? Array.from({ length: 1 + (i % 3) }, (_, k) => ({
          notebook: { path: ctx.notebooks[(i * 3 + k) % ctx.notebooks.length].path },
        }))
      : [];
    const cluster =
      i % 2 === 0
        ? { label: "default", autoscale: { min_workers: 1, max_workers: 2 + (i % 6), mode: "ENHANCED" } }
        : { label: "default", num_workers: 1 + (i % 4), node_type_id: "Standard_DS3_v2" };
    const creator = owner(i * 7);
    state.pipelines.set(id, {
      pipeline_id: id,
      name,
      state: i % 10 === 0 && i % 4 !== 3 ? "RUNNING" : "IDLE",
      creator_user_name: creator,
      run_as_user_name: creator,
      last_modified: ctx.time + i * 1000,
      spec: {
        id,
        name,
        libraries: libs,
        clusters: [cluster],
        continuous: i % 10 === 0,
        development: i % 4 === 3,
        edition: ["ADVANCED", "PRO", "CORE"][i % 3],
        channel: i % 5 === 0 ? "PREVIEW" : "CURRENT",
        ...(i % 2 ? { catalog: "main", schema: `dlt_${i}` } : { target: `dlt_${i}` }),
        configuration: { "pipeline.index": String(i) },
      },
    });
    const g = grp(i);
    grant(state, `pipelines/${id}`, user(creator, "IS_OWNER"), ...(g ? [group(g, "CAN_RUN")] : []));
  }

  const queries = sqlCollection(state, "sql/queries");
  const queryIds: string[] = [];
  for (let i = 0; i < n.sqlQueries; i++) {
    const id = `2b000000-0000-4000-8000-${hex(i, 12)}`;
    const o = owner(i * 11);
    queryIds.push(id);
    queries.set(id, {
      id,
      display_name: `query-${String(i).padStart(5, "0")}`,
      description: i % 3 === 0 ? `Daily figures ${i}` : "",
      query_text: `select to_date(ts) as day, count(1) as n from main.default.t${i % 7}\nwhere day >= current_date() - {{ days }}\ngroup by 1 order by 1`,
      parameters: [{ name: "days", title: "Days", numeric_value: { value: 1 + (i % 30) } }],
      catalog: "main",
      schema: "default",
      ...(i % 4 === 0 ? { tags: ["large", `t${i % 7}`] } : {}),
      apply_auto_limit: i % 2 === 0,
      ...(ctx.warehouseIds.length ? { warehouse_id: ctx.warehouseIds[i % ctx.warehouseIds.length] } : {}),
      owner_user_name: o,
      last_modifier_user_name: o,
      run_as_mode: i % 6 === 0 ? "VIEWER" : "OWNER",
      lifecycle_state: "ACTIVE",
      create_time: iso(i * 1000),
      update_time: iso(i * 1000 + 500),
    });
    const g = grp(i);
    if (g && i % 5 === 0) sqlAcl(state, "queries", id, o, g, "CAN_RUN");
  }

  const alerts = sqlCollection(state, "sql/alerts");
  for (let i = 0; i < n.sqlAlerts; i++) {
    const id = `3c000000-0000-4000-8000-${hex(i, 12)}`;
    const o = owner(i * 13);
    alerts.set(id, {
      id,
      display_name: `alert-${String(i).padStart(4, "0")}`,
      ...(queryIds.length ? { query_id: queryIds[i % queryIds.length] } : {}),
      condition: {
        op: ["LESS_THAN", "GREATER_THAN", "EQUAL"][i % 3],
        operand: { column: { name: "n" } },
        threshold: { value: { double_value: 100 + i } },
        empty_result_state: i % 2 ? "OK" : "TRIGGERED",
      },
      ...(i % 2 === 0 ? { custom_subject: `Alert ${i} fired` } : {}),
      notify_on_ok: i % 3 === 0,
      seconds_to_retrigger: i % 4 === 0 ? 3600 : 0,
      owner_user_name: o,
      lifecycle_state: "ACTIVE",
      state: i % 7 === 0 ? "TRIGGERED" : "OK",
      create_time: iso(i * 1000),
      update_time: iso(i * 1000 + 500),
    });
    const g = grp(i);
    if (g && i % 5 === 0) sqlAcl(state, "alerts", id, o, g, "CAN_RUN");
  }

  const ip = ipListState(state);
  for (let i = 0; i < n.ipAccessLists; i++) {
    const list_id = `4d000000-0000-4000-8000-${hex(i, 12)}`;
    const block = i % 3 === 2;
    const ip_addresses = block
      ? [`192.0.2.${(i * 8) % 256}/29`, `198.51.100.${i % 256}`]
      : [`203.0.${113 + (i % 2)}.0/24`, `10.${i % 256}.0.0/16`, ...(i === 0 ? ["127.0.0.1"] : [])];
    ip.lists.set(list_id, {
      list_id,
      label: `${block ? "blocked" : "office"}-${i}`,
      list_type: block ? "BLOCK" : "ALLOW",
      ip_addresses,
      address_count: ip_addresses.length,
      enabled: i % 5 !== 4,
      created_at: ctx.time + i * 1000,
      created_by: ip.userId,
      updated_at: ctx.time + i * 1000,
      updated_by: ip.userId,
    });
  }
}

/** A legacy SQL permissions entry (its owner CAN_MANAGE, plus a group), as POST permissions/{type}/{id} sets it. */
function sqlAcl(
  state: WorkspaceState,
  type: string,
  id: string,
  owner: string,
  g: string,
  level: string,
): void {
  state.sqlAcls.set(`${type}/${id}`, {
    access_control_list: [
      { user_name: owner, permission_level: "CAN_MANAGE" },
      { group_name: g, permission_level: level },
    ],
    object_id: `${type}/${id}`,
    object_type: type === "queries" ? "query" : "alert",
  });
}
