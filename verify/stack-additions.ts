import type { KindName } from "../kinds/common";

/**
 * Objects of the Unity Catalog deep-clone feature the stack adds to a secondary, across kinds, as the README
 * documents them (section "Unity Catalog"): the job (`databricks-dr: deep-clone managed tables`) and its
 * notebook under /Shared/databricks-dr, with their permissions. A kind's own additions are its verify spec's
 * `addedByStack` (kinds/<kind>/verify.ts). Such an extra is expected, with the reason; any other extra still
 * counts against the secondary. Written from the README, not from the stack's code (verify judges the stack).
 */
const CLONE_JOB = "databricks-dr: deep-clone managed tables";
const CLONE_DIR = "/Shared/databricks-dr";

const underCloneDir = (p: string) => p === CLONE_DIR || p.startsWith(`${CLONE_DIR}/`);

export function stackAddition(kind: KindName, key: string): string | undefined {
  switch (kind) {
    case "job":
      return key === CLONE_JOB
        ? "the deep-clone job (unityCatalog.deepCloneJob, added by the stack)"
        : undefined;
    case "notebook":
    case "directory":
      return underCloneDir(key) ? "the deep-clone job's notebook (added by the stack)" : undefined;
    case "permissions": {
      const [type, ...rest] = key.split(":");
      const object = rest.join(":");
      if (type === "jobs" && object === CLONE_JOB)
        return "the deep-clone job's permissions (added by the stack)";
      if ((type === "notebooks" || type === "directories") && underCloneDir(object))
        return "the deep-clone notebook's permissions (added by the stack)";
      return undefined;
    }
    default:
      return undefined;
  }
}
