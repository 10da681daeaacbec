import { ApiError } from "../../client";
import { arr, Obj, obj, omit, str } from "../../exporters/normalize";
import { ExportContext, KindExporter, Listed, SkipError } from "../../exporters/types";
import { workspaceWalk } from "../../exporters/workspace-walk";
import { SqlDashboardDescriptor, SqlDashboardWidget } from "./schema";

const PATH = "/api/2.0/preview/sql/dashboards";
/** Entries per page asked for (the API's default is 25, as the recorded list says). */
export const LEGACY_PAGE_SIZE = 100;

/** Fields the service sets or that name primary-only objects: never sent back, never compared. */
const READ_ONLY = [
  "id",
  "slug",
  "created_at",
  "updated_at",
  "user",
  "user_id",
  "version",
  "widgets",
  "layout",
  "can_edit",
  "permission_tier",
  "is_favorite",
  "is_archived",
  "parent",
  "options",
  "data_source_id",
];

type Item = Listed & { entry: Obj };

/**
 * The legacy list pages by `page` (1-based) and `page_size`, with the total in `count`: pages are read
 * until `count` entries are seen, a page is empty or short, or a page brings nothing new (a server that
 * ignores `page` would otherwise loop). An id seen twice is kept once.
 */
export async function listLegacyDashboards(ctx: ExportContext): Promise<Item[]> {
  const byId = new Map<string, Item>();
  for (let page = 1; ; page++) {
    const body = await ctx.client.get<Obj>(PATH, { page, page_size: LEGACY_PAGE_SIZE });
    const results = body.results;
    if (results !== undefined && !Array.isArray(results)) throw new Error(`${PATH}: "results" is not a list`);
    const entries = arr(results);
    const before = byId.size;
    for (const e of entries) {
      const id = str(e.id);
      if (id && !byId.has(id)) byId.set(id, { id, entry: e });
    }
    const count = typeof body.count === "number" ? body.count : undefined;
    if (!entries.length || byId.size === before || entries.length < LEGACY_PAGE_SIZE) break;
    if (count !== undefined && byId.size >= count) break;
  }
  return [...byId.values()];
}

/** The workspace folders by object id (the walk lists them): a legacy `parent` is `folders/<object id>`. */
async function folderPaths(ctx: ExportContext): Promise<Map<number, string>> {
  return ctx.memo("sql-dashboard:folders", async () => {
    const out = new Map<number, string>();
    for (const e of await (await workspaceWalk(ctx)).all())
      if (e.objectType === "DIRECTORY" && e.objectId !== undefined) out.set(e.objectId, e.path);
    return out;
  });
}

function widgetOf(w: Obj, dashboard: string): SqlDashboardWidget {
  const id = str(w.id) ?? (typeof w.id === "number" ? String(w.id) : undefined);
  if (!id) throw new SkipError(`a widget of dashboard ${dashboard} has no id`);
  const v = w.visualization === undefined || w.visualization === null ? undefined : obj(w.visualization);
  const out: SqlDashboardWidget = {
    id,
    width: typeof w.width === "number" ? w.width : 1,
    options: obj(w.options),
  };
  if (v) {
    const queryId = str(obj(v.query).id);
    if (!queryId) throw new SkipError(`widget ${id}: its visualization names no query`);
    out.visualization = {
      ...omit(v, ["query", "created_at", "updated_at"]),
      id: String(v.id),
      query_id: queryId,
      type: String(v.type ?? ""),
      name: String(v.name ?? ""),
      options: obj(v.options),
    };
  } else out.text = typeof w.text === "string" ? w.text : "";
  return out;
}

/** preview/sql/dashboards/{id} → descriptor; `folder` turns the primary's folder id into its path. */
export function normalizeSqlDashboard(
  d: Obj,
  folder: (id: number) => string | undefined = () => undefined,
): SqlDashboardDescriptor {
  const id = str(d.id);
  const name = str(d.name);
  if (!id || !name) throw new SkipError("dashboard without id or name");
  if (d.is_archived === true) throw new SkipError("dashboard is in the trash");
  const parent = str(d.parent) ?? str(obj(d.options).parent);
  const m = parent ? /^folders\/(\d+)$/.exec(parent) : null;
  const parentPath = m ? folder(Number(m[1])) : undefined;
  const owner = str(obj(d.user).email);
  const settings = omit(d, READ_ONLY);
  const schedules = obj(d.options).refresh_schedules ?? d.refresh_schedules;
  if (Array.isArray(schedules)) settings.refresh_schedules = schedules;
  return {
    id,
    name,
    settings,
    ...(parentPath ? { parentPath } : {}),
    ...(owner ? { owner } : {}),
    widgets: arr(d.widgets).map((w) => widgetOf(w, id)),
  };
}

/** Every legacy dashboard, each read whole (the list has no widgets). */
export const sqlDashboardExporter: KindExporter<"sql-dashboard", Item> = {
  kind: "sql-dashboard",
  list: listLegacyDashboards,
  // A widget added or moved does not show in the list entry: every dashboard is read.
  signature: () => undefined,
  async read(ctx, item) {
    let body: Obj;
    try {
      body = await ctx.client.get<Obj>(`${PATH}/${encodeURIComponent(item.id)}`);
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) throw new SkipError("deleted during the export (404)");
      throw e;
    }
    const folders = await folderPaths(ctx);
    return normalizeSqlDashboard(body, (n) => folders.get(n));
  },
};
