import { ClusterPolicyDescriptor } from "./schema";
import { arr, Obj, str } from "../../exporters/normalize";
import { KindExporter, Listed, SkipError } from "../../exporters/types";

export function normalizeClusterPolicy(p: Obj): ClusterPolicyDescriptor {
  const id = str(p.policy_id);
  const name = str(p.name);
  if (!id || !name) throw new SkipError("policy without policy_id or name");
  return {
    id,
    name,
    definition: str(p.definition),
    description: str(p.description),
    maxClustersPerUser: typeof p.max_clusters_per_user === "number" ? p.max_clusters_per_user : undefined,
    policyFamilyId: str(p.policy_family_id),
    policyFamilyDefinitionOverrides: str(p.policy_family_definition_overrides),
    // Libraries every cluster under the policy installs: kept as the API returns them.
    libraries: Array.isArray(p.libraries) ? (p.libraries as Obj[]) : undefined,
  };
}

export const clusterPolicyExporter: KindExporter<"cluster-policy", Listed & { raw: Obj }> = {
  kind: "cluster-policy",
  async list(ctx) {
    const body = await ctx.client.get<Obj>("/api/2.0/policies/clusters/list");
    return arr(body.policies).map((raw) => ({ id: str(raw.policy_id) ?? String(raw.name), raw }));
  },
  async read(_ctx, item) {
    return normalizeClusterPolicy(item.raw);
  },
};
