import { Obj, omit, str } from "../../exporters/normalize";
import { jsonSignature } from "../../exporters/reuse";
import { listSqlObjects, SqlObjectItem } from "../../exporters/sql-objects-list";
import { KindExporter, SkipError } from "../../exporters/types";
import { SqlAlertDescriptor } from "./schema";

/** Fields the service sets (evaluation state included): never sent back, never compared. */
const READ_ONLY = ["id", "create_time", "update_time", "lifecycle_state", "state", "trigger_time"];

/** sql/alerts entry → descriptor: the id as stable id, the display name as its label. */
export function normalizeSqlAlert(a: Obj): SqlAlertDescriptor {
  const id = str(a.id);
  const name = str(a.display_name);
  if (!id || !name) throw new SkipError("alert without id or display_name");
  if (a.lifecycle_state === "TRASHED") throw new SkipError("alert is in the trash");
  return { id, name, settings: omit(a, READ_ONLY) };
}

type Item = SqlObjectItem;

/** sql/alerts pages with `page_size` and `page_token`; its entries carry every field of the alert. */
export const sqlAlertExporter: KindExporter<"sql-alert", Item> = {
  kind: "sql-alert",
  list: (ctx) => listSqlObjects(ctx, "/api/2.0/sql/alerts"),
  // The entry's evaluation state changes on every run: the signature leaves it out.
  signature: (_ctx, item) => jsonSignature(omit(item.entry, ["state", "trigger_time"])),
  async read(_ctx, item) {
    return normalizeSqlAlert(item.entry);
  },
};
