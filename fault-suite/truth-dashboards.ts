/**
 * The fault suite's truth for dashboards: every legacy SQL dashboard that is not archived and every AI/BI
 * dashboard that is not trashed, as the emulator holds them when the export starts (its own state objects,
 * never exporter output), with what the descriptor must carry: a legacy dashboard's name and its widgets (by
 * id, each with the query its visualization shows); an AI/BI dashboard's name, warehouse, folder, the exact
 * definition text and whether it is published (with its embedding).
 */
import type { Obj } from "../emulator/state/types";
import type { AclEntry, WorkspaceState } from "../emulator/state/workspace-state";

export interface DashboardTruth {
  kind: "sql-dashboard" | "dashboard";
  id: string;
  name: string;
  /** Legacy: widget id → the query id its visualization shows ("" for a text box). */
  widgets?: Record<string, string>;
  /** AI/BI: settings field → the primary's value. */
  fields?: Obj;
  /** AI/BI: the published version's embed_credentials, or null when never published. */
  published?: boolean | null;
}

export function captureDashboards(state: WorkspaceState): DashboardTruth[] {
  const out: DashboardTruth[] = [];
  for (const d of state.sqlObjects.get("preview/sql/dashboards")?.values() ?? []) {
    if (d.is_archived === true) continue;
    const widgets: Record<string, string> = {};
    for (const w of Array.isArray(d.widgets) ? (d.widgets as Obj[]) : [])
      widgets[String(w.id)] = String(
        ((w.visualization as Obj | undefined)?.query as Obj | undefined)?.id ?? "",
      );
    out.push({ kind: "sql-dashboard", id: String(d.id), name: String(d.name), widgets });
  }
  const pubs = state.sqlObjects.get("lakeview/published");
  for (const d of state.sqlObjects.get("lakeview/dashboards")?.values() ?? []) {
    if (d.lifecycle_state === "TRASHED") continue;
    const p = pubs?.get(String(d.dashboard_id));
    out.push({
      kind: "dashboard",
      id: String(d.dashboard_id),
      name: String(d.display_name),
      fields: {
        warehouse_id: d.warehouse_id,
        parent_path: d.parent_path,
        serialized_dashboard: d.serialized_dashboard,
      },
      published: p ? p.embed_credentials === true : null,
    });
  }
  return out;
}

/** What the exported descriptor lost or changed against the truth (empty: it is right). */
export function dashboardDifferences(t: DashboardTruth, d: Obj): string[] {
  const out: string[] = [];
  if (d.name !== t.name)
    out.push(`name ${JSON.stringify(d.name)}, the primary's is ${JSON.stringify(t.name)}`);
  if (t.widgets) {
    const got: Record<string, string> = {};
    for (const w of Array.isArray(d.widgets) ? (d.widgets as Obj[]) : [])
      got[String(w.id)] = String((w.visualization as Obj | undefined)?.query_id ?? "");
    for (const [id, q] of Object.entries(t.widgets))
      if (!(id in got)) out.push(`widget ${id} lost`);
      else if (got[id] !== q)
        out.push(`widget ${id} shows query ${got[id] || "(none)"}, the primary's ${q || "(none)"}`);
  }
  const settings = (d.settings ?? {}) as Obj;
  for (const [k, v] of Object.entries(t.fields ?? {}))
    if (v !== undefined && settings[k] !== v) out.push(`${k} changed`);
  if (t.published !== undefined) {
    const p = d.published as Obj | null | undefined;
    const got = p ? p.embed_credentials === true : null;
    if (got !== t.published)
      out.push(`published ${JSON.stringify(got)}, the primary's ${JSON.stringify(t.published)}`);
  }
  return out;
}

/**
 * The legacy dashboards' own grants, keyed `sql-dashboards/<id>` like the other ACLs of the truth: the
 * legacy SQL permissions body the emulator holds, else what it answers for a dashboard without one (its
 * owner's CAN_MANAGE).
 */
export function legacyDashboardAcls(state: WorkspaceState): [string, AclEntry[]][] {
  const out: [string, AclEntry[]][] = [];
  for (const d of state.sqlObjects.get("preview/sql/dashboards")?.values() ?? []) {
    if (d.is_archived === true) continue;
    const body = state.sqlAcls.get(`dashboards/${String(d.id)}`);
    const owner = (d.user as Obj | undefined)?.email ?? state.currentUser;
    const entries = body
      ? ((body.access_control_list as AclEntry[] | undefined) ?? [])
      : [{ user_name: String(owner), permission_level: "CAN_MANAGE" }];
    out.push([`sql-dashboards/${String(d.id)}`, entries]);
  }
  return out;
}
