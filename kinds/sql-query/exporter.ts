import { Obj, omit, str } from "../../exporters/normalize";
import { jsonSignature } from "../../exporters/reuse";
import { listSqlObjects, SqlObjectItem } from "../../exporters/sql-objects-list";
import { KindExporter, SkipError } from "../../exporters/types";
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

type Item = SqlObjectItem;

/**
 * sql/queries pages with `page_size` and `page_token` (`next_page_token`); its entries carry every field
 * of the query (ListQueryObjectsResponseQuery), so no per-query read is needed.
 */
export const sqlQueryExporter: KindExporter<"sql-query", Item> = {
  kind: "sql-query",
  list: (ctx) => listSqlObjects(ctx, "/api/2.0/sql/queries"),
  signature: (_ctx, item) => jsonSignature(item.entry),
  async read(_ctx, item) {
    return normalizeSqlQuery(item.entry);
  },
};
