import type { KindVerifySpec } from "../../verify/spec";
import { setByTheService, stopsSoonerWhilePassive } from "../../verify/rules";
import { STACK_SOURCE_TAG, stackSourceMarker } from "../../verify/source-marker";

/** Warehouses are matched by name (ids are assigned by each workspace). */
export const SQL_WAREHOUSE_VERIFY: KindVerifySpec<"sql-warehouse"> = {
  naturalKey: (d) => d.name,
  assignedIds: true,
  // A list of { key, value } pairs: matched by key, so the stack's marker at the end shifts no other.
  keyedArrays: { "spec.tags.custom_tags": "key" },
  expected: [
    stackSourceMarker("warehouse", STACK_SOURCE_TAG, [
      "spec.tags",
      "spec.tags.custom_tags",
      "spec.tags.custom_tags[]",
      "spec.tags.custom_tags[].value",
    ]),
    stopsSoonerWhilePassive(["spec.auto_stop_mins"]),
    setByTheService(["spec.auto_resume"], "legacy field the SQL warehouses API reports but does not take"),
  ],
};
