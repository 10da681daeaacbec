import { InstancePoolDescriptor } from "./schema";
import { arr, Obj, omit, POOL_READ_ONLY, str } from "../../exporters/normalize";
import { KindExporter, Listed, SkipError } from "../../exporters/types";

export function normalizeInstancePool(p: Obj): InstancePoolDescriptor {
  const id = str(p.instance_pool_id);
  const name = str(p.instance_pool_name);
  if (!id || !name) throw new SkipError("instance pool without instance_pool_id or instance_pool_name");
  return { id, name, spec: omit(p, POOL_READ_ONLY) };
}

export const instancePoolExporter: KindExporter<"instance-pool", Listed & { raw: Obj }> = {
  kind: "instance-pool",
  async list(ctx) {
    const body = await ctx.client.get<Obj>("/api/2.0/instance-pools/list");
    return arr(body.instance_pools).map((raw) => ({
      id: str(raw.instance_pool_id) ?? String(raw.instance_pool_name),
      raw,
    }));
  },
  async read(_ctx, item) {
    return normalizeInstancePool(item.raw);
  },
};
