import type { KindVerifySpec } from "../../verify/spec";

/** Matched by name; script ids are each workspace's own. */
export const GLOBAL_INIT_SCRIPT_VERIFY: KindVerifySpec<"global-init-script"> = {
  naturalKey: (d) => d.name,
  assignedIds: true,
};
