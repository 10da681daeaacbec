import type { KindVerifySpec } from "../../verify/spec";
import { filledByStack, zeroWhilePassive } from "../../verify/rules";
import { STACK_POOL_SOURCE_TAG, stackSourceMarker } from "../../verify/source-marker";
import { portabilityRules, SPEC_PREFIXES } from "../../verify/compute-portability";

/** Pools are matched by name (ids are assigned by each workspace). */
export const INSTANCE_POOL_VERIFY: KindVerifySpec<"instance-pool"> = {
  naturalKey: (d) => d.name,
  assignedIds: true,
  setFields: ["spec.preloaded_spark_versions"],
  expected: [
    zeroWhilePassive(["spec.min_idle_instances"]),
    filledByStack(
      "spec.idle_instance_autotermination_minutes",
      60,
      "set to 60 by the stack (absent in the snapshot)",
    ),
    stackSourceMarker("pool", STACK_POOL_SOURCE_TAG, [
      "spec.custom_tags",
      `spec.custom_tags.${STACK_POOL_SOURCE_TAG}`,
    ]),
    ...portabilityRules(SPEC_PREFIXES["instance-pool"]),
  ],
};
