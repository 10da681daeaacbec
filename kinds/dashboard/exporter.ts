import { ApiError, listWithPageToken } from "../../client";
import { Obj, obj, omit, str } from "../../exporters/normalize";
import { KindExporter, Listed, SkipError } from "../../exporters/types";
import { DashboardDescriptor } from "./schema";

const PATH = "/api/2.0/lakeview/dashboards";
/** Fields the service sets: never sent back, never compared. */
const READ_ONLY = ["dashboard_id", "path", "create_time", "update_time", "etag", "lifecycle_state"];

/** lakeview/dashboards/{id} (+ its published version, null when never published) → descriptor. */
export function normalizeDashboard(d: Obj, published: Obj | null): DashboardDescriptor {
  const id = str(d.dashboard_id);
  const name = str(d.display_name);
  if (!id || !name) throw new SkipError("dashboard without dashboard_id or display_name");
  if (d.lifecycle_state === "TRASHED") throw new SkipError("dashboard is in the trash");
  return {
    id,
    name,
    settings: omit(d, READ_ONLY),
    published: published
      ? (omit(obj(published), ["revision_create_time"]) as DashboardDescriptor["published"])
      : null,
  };
}

type Item = Listed & { entry: Obj };

/**
 * lakeview/dashboards pages with `page_size` (at most 1000) and `page_token` (`next_page_token`); its
 * entries leave out the definition, so each dashboard is read, with its published version.
 */
export const dashboardExporter: KindExporter<"dashboard", Item> = {
  kind: "dashboard",
  async list(ctx) {
    const all = await listWithPageToken(ctx.client, PATH, {
      itemsKey: "dashboards",
      query: { page_size: 1000 },
    });
    const byId = new Map<string, Item>();
    for (const e of all) {
      const id = str(e.dashboard_id);
      if (id && !byId.has(id)) byId.set(id, { id, entry: e });
    }
    return [...byId.values()];
  },
  // The list entry has no update time nor etag: every dashboard is read.
  signature: () => undefined,
  async read(ctx, item) {
    const at = `${PATH}/${encodeURIComponent(item.id)}`;
    let body: Obj;
    try {
      body = await ctx.client.get<Obj>(at);
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) throw new SkipError("deleted during the export (404)");
      throw e;
    }
    let published: Obj | null = null;
    try {
      published = await ctx.client.get<Obj>(`${at}/published`);
    } catch (e) {
      // Never published: the API answers 404 for its published version.
      if (!(e instanceof ApiError && e.status === 404)) throw e;
    }
    return normalizeDashboard(body, published);
  },
};
