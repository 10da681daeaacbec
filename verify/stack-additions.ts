import type { KindName } from "../kinds/common";

/**
 * Objects the stack adds to a secondary that have no primary counterpart, as the README documents them
 * (section "Unity Catalog"): the access connector's storage credential and the deep-clone job's Delta
 * Sharing catalogs (both commented `databricks-dr: ...`), the job itself (`databricks-dr: deep-clone
 * managed tables`) and its notebook under /Shared/databricks-dr, with their permissions. Such an extra is
 * expected, with the reason; any other extra still counts against the secondary. Written from the README,
 * not from the stack's code (verify judges the stack).
 */
const MARK = "databricks-dr:";
const CLONE_JOB = "databricks-dr: deep-clone managed tables";
const CLONE_DIR = "/Shared/databricks-dr";

const underCloneDir = (p: string) => p === CLONE_DIR || p.startsWith(`${CLONE_DIR}/`);

export function stackAddition(kind: KindName, key: string, d: unknown): string | undefined {
  const comment = (d as { comment?: unknown } | undefined)?.comment;
  const marked = typeof comment === "string" && comment.startsWith(MARK);
  switch (kind) {
    case "uc-storage-credential":
      return marked ? "the secondary's own access connector credential (added by the stack)" : undefined;
    case "ip-access-list":
      // README "IP access lists": the ALLOW list of the secondary's own addresses (secondaryIpAddresses).
      return (d as { label?: unknown } | undefined)?.label === "databricks-dr: the secondary's own addresses"
        ? "the ALLOW list of the secondary's own addresses (secondaryIpAddresses, added by the stack)"
        : undefined;
    case "uc-catalog":
      return marked ? "a Delta Sharing catalog of the deep-clone job (added by the stack)" : undefined;
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
