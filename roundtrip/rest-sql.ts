/**
 * Databricks SQL queries and alerts as REST calls, the way the provider's `Query` and `Alert` make them
 * (the current /api/2.0/sql/queries and /api/2.0/sql/alerts APIs): create without the owner, then the
 * owner set by an update naming it in `update_mask`; update a PATCH with `update_mask`; delete to trash.
 * Their permissions go through the legacy SQL permissions API (flat entries), as the recordings show.
 */
import type { DatabricksClient } from "../client";
import { apiBody, Inputs } from "./api-body";
import type { Applied, RestMapping } from "./rest-table";
import type { RestDelete } from "./rest-deletes";

const QUERY = "databricks:index/query:Query";
const ALERT = "databricks:index/alert:Alert";

function sqlObject(type: string, collection: "queries" | "alerts", key: "query" | "alert"): RestMapping {
  const path = `/api/2.0/sql/${collection}`;
  const setOwner = async (c: DatabricksClient, id: string, owner: unknown) => {
    if (typeof owner === "string" && owner !== "")
      await c.patch(`${path}/${id}`, { update_mask: "owner_user_name", [key]: { owner_user_name: owner } });
  };
  return {
    call: `POST ${path}`,
    async create(c, inputs): Promise<Applied> {
      const { owner_user_name: owner, ...body } = apiBody(type, inputs);
      const r = await c.post<{ id: string }>(path, { [key]: body });
      await setOwner(c, r.id, owner);
      return { id: r.id };
    },
    async update(c, id, inputs): Promise<Applied> {
      await c.patch(`${path}/${id}`, { update_mask: "*", [key]: apiBody(type, inputs) });
      return { id };
    },
  };
}

export const SQL_TABLE: Readonly<Record<string, RestMapping>> = {
  [QUERY]: sqlObject(QUERY, "queries", "query"),
  [ALERT]: sqlObject(ALERT, "alerts", "alert"),
};

export const SQL_DELETES: Readonly<Record<string, RestDelete>> = {
  [QUERY]: (c, id) => c.delete(`/api/2.0/sql/queries/${id}`),
  [ALERT]: (c, id) => c.delete(`/api/2.0/sql/alerts/${id}`),
};

/** The Permissions arguments naming a legacy SQL object, and its type in the legacy SQL permissions API. */
const LEGACY_ACL_ARGS = {
  sqlQueryId: "queries",
  sqlAlertId: "alerts",
  sqlDashboardId: "dashboards",
} as const;

/** Permissions on a query, alert or legacy dashboard: the legacy SQL permissions API takes the whole list (POST). */
export async function putSqlPermissions(c: DatabricksClient, inputs: Inputs): Promise<Applied | undefined> {
  const arg = (Object.keys(LEGACY_ACL_ARGS) as (keyof typeof LEGACY_ACL_ARGS)[]).find(
    (k) => typeof inputs[k] === "string",
  );
  if (!arg) return undefined;
  const type = LEGACY_ACL_ARGS[arg];
  const id = String(inputs[arg]);
  const body = apiBody("databricks:index/permissions:Permissions", inputs);
  const acl = ((body.access_control_list as Inputs[] | undefined) ?? []).filter(
    (e) => e.group_name !== "admins",
  );
  await c.post(`/api/2.0/preview/sql/permissions/${type}/${id}`, { access_control_list: acl });
  return { id: `/sql-acl/${type}/${id}` };
}
