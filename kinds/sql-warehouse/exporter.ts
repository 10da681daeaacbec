import { listWithPageToken } from "../../client";
import { SqlWarehouseDescriptor } from "./schema";
import { Obj, omit, str, WAREHOUSE_READ_ONLY } from "../../exporters/normalize";
import { KindExporter, Listed, SkipError } from "../../exporters/types";

export function normalizeSqlWarehouse(w: Obj): SqlWarehouseDescriptor {
  const id = str(w.id);
  const name = str(w.name);
  if (!id || !name) throw new SkipError("SQL warehouse without id or name");
  return { id, name, spec: omit(w, WAREHOUSE_READ_ONLY) };
}

/** The list answers full warehouse settings, so no per-warehouse get is needed. */
export const sqlWarehouseExporter: KindExporter<"sql-warehouse", Listed & { raw: Obj }> = {
  kind: "sql-warehouse",
  async list(ctx) {
    const all = await listWithPageToken(ctx.client, "/api/2.0/sql/warehouses", {
      itemsKey: ["warehouses", "endpoints"],
      query: { page_size: 100 },
    });
    return all.map((raw) => ({ id: str(raw.id) ?? String(raw.name), raw }));
  },
  async read(_ctx, item) {
    return normalizeSqlWarehouse(item.raw);
  },
};
