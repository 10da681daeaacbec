import type { KindVerifySpec } from "../../verify/spec";
import { createdThroughApi, setByTheService, stopsSoonerWhilePassive } from "../../verify/rules";
import { STACK_SOURCE_TAG, stackSourceMarker } from "../../verify/source-marker";
import { portabilityRules, SPEC_PREFIXES } from "../../verify/compute-portability";

/** Clusters are matched by name (cluster ids are assigned by each workspace). */
export const CLUSTER_VERIFY: KindVerifySpec<"cluster"> = {
  naturalKey: (d) => d.name,
  assignedIds: true,
  setFields: ["libraries", "spec.ssh_public_keys"],
  expected: [
    stopsSoonerWhilePassive(["spec.autotermination_minutes"]),
    createdThroughApi("source"),
    setByTheService(["spec.disk_spec"], "reported by clusters/get, not a setting clusters/create takes"),
    stackSourceMarker("cluster", STACK_SOURCE_TAG, [
      "spec.custom_tags",
      `spec.custom_tags.${STACK_SOURCE_TAG}`,
    ]),
    ...portabilityRules(SPEC_PREFIXES.cluster),
  ],
};
