import { listWithPageToken } from "../client";
import { Obj, str } from "./normalize";
import { ExportContext, Listed } from "./types";

export type SqlObjectItem = Listed & { entry: Obj };

/**
 * The sql/queries and sql/alerts lists: paged with `page_size` and `page_token` (`next_page_token`), each
 * entry carrying every field of the object, so no per-object read is needed. An id seen twice (an object
 * moving between pages while they are read) is kept once.
 */
export async function listSqlObjects(ctx: ExportContext, path: string): Promise<SqlObjectItem[]> {
  const all = await listWithPageToken(ctx.client, path, { itemsKey: "results", query: { page_size: 100 } });
  const byId = new Map<string, SqlObjectItem>();
  for (const e of all) {
    const id = str(e.id);
    if (id && !byId.has(id)) byId.set(id, { id, entry: e });
  }
  return [...byId.values()];
}
