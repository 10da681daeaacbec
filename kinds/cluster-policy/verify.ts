import type { KindVerifySpec } from "../../verify/spec";

/** Policies are matched by name (ids are assigned by each workspace); their JSON documents compared parsed. */
export const CLUSTER_POLICY_VERIFY: KindVerifySpec<"cluster-policy"> = {
  naturalKey: (d) => d.name,
  assignedIds: true,
  jsonStringFields: ["definition", "policyFamilyDefinitionOverrides"],
};
