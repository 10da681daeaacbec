import { listWithPageToken } from "../../client";
import { Obj, omit, str } from "../../exporters/normalize";
import { jsonSignature } from "../../exporters/reuse";
import { KindExporter, Listed, SkipError } from "../../exporters/types";
import { SqlQueryDescriptor } from "./schema";

/** Fields the service sets: never sent back. */
const READ_ONLY = ["id", "create_time", "update_time", "last_modifier_user_name", "lifecycle_state"];

/** sql/queries entry → descriptor: the id as stable id, the display name as its label. */
export function normalizeSqlQuery(q: Obj): SqlQueryDescriptor {
  const id = str(q.id);
  const name = str(q.display_name);
  if (!id || !name) throw new SkipError("query without id or display_name");
  if (q.lifecycle_state === "TRASHED") throw new SkipError("query is in the trash");
  return { id, name, settings: omit(q, READ_ONLY) };
}

type Item = Listed & { entry: Obj };

/**
 * sql/queries pages with `page_size` and `page_token` (`next_page_token`); its entries carry every field
 * of the query (ListQueryObjectsResponseQuery), so no per-query read is needed.
 */
export const sqlQueryExporter: KindExporter<"sql-query", Item> = {
  kind: "sql-query",
  async list(ctx) {
    const all = await listWithPageToken(ctx.client, "/api/2.0/sql/queries", {
      itemsKey: "results",
      query: { page_size: 100 },
    });
    const byId = new Map<string, Item>();
    for (const e of all) {
      const id = str(e.id);
      if (id && !byId.has(id)) byId.set(id, { id, entry: e });
    }
    return [...byId.values()];
  },
  signature: (_ctx, item) => jsonSignature(item.entry),
  async read(_ctx, item) {
    return normalizeSqlQuery(item.entry);
  },
};
