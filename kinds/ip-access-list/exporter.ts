import { arr, Obj, str } from "../../exporters/normalize";
import { jsonSignature } from "../../exporters/reuse";
import { KindExporter, Listed, SkipError } from "../../exporters/types";
import { IpAccessListDescriptor } from "./schema";

/** ip-access-lists entry (IpAccessListInfo) -> descriptor: what create/update take, under the list's id. */
export function normalizeIpAccessList(e: Obj): IpAccessListDescriptor {
  const id = str(e.list_id);
  const label = str(e.label);
  if (!id || !label) throw new SkipError("IP access list without list_id or label");
  return {
    id,
    label,
    list_type: e.list_type as IpAccessListDescriptor["list_type"],
    ip_addresses: Array.isArray(e.ip_addresses) ? (e.ip_addresses as string[]) : [],
    // The API omits false fields in some answers: a list is enabled only when it says so.
    enabled: e.enabled === true,
  };
}

type Item = Listed & { entry: Obj };

/**
 * `GET /api/2.0/ip-access-lists` answers every list at once (no paging), each with all its fields. A
 * workspace without the feature (pricing tier) answers 403: the kind is unavailable, counted "unknown" in
 * the inventory (exporters/run.ts), never 0.
 */
export const ipAccessListExporter: KindExporter<"ip-access-list", Item> = {
  kind: "ip-access-list",
  async list(ctx) {
    const body = await ctx.client.get<Obj>("/api/2.0/ip-access-lists");
    if (body.ip_access_lists !== undefined && !Array.isArray(body.ip_access_lists))
      throw new Error('ip-access-lists: the answer\'s "ip_access_lists" is not a list');
    const byId = new Map<string, Item>();
    for (const e of arr(body.ip_access_lists)) {
      const id = str(e.list_id);
      if (id && !byId.has(id)) byId.set(id, { id, entry: e });
      else if (!id) ctx.skip("ip-access-list", `label:${String(e.label)}`, "IP access list without list_id");
    }
    return [...byId.values()];
  },
  signature: (_ctx, item) => jsonSignature(item.entry),
  async read(_ctx, item) {
    return normalizeIpAccessList(item.entry);
  },
};
