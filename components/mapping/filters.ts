import { KindName } from "../../kinds/common";
import { AnyDescriptor } from "../../kinds/registry";
import { PermissionsDescriptor } from "../../kinds/permissions/schema";
import type { StackConfig } from "../config/schema";
import { TREE_OBJECT_TYPES } from "../../kinds/permissions/mapping";

/** Kinds whose descriptors live at a workspace path, which path filters apply to. */
const PATH_KINDS: ReadonlySet<KindName> = new Set(["directory", "notebook", "workspace-file", "repo"]);

function underPrefix(path: string, prefix: string): boolean {
  const p = prefix.endsWith("/") && prefix !== "/" ? prefix.slice(0, -1) : prefix;
  return p === "/" || path === p || path.startsWith(p + "/");
}

/** The workspace path a descriptor lives at, if path filters apply to it. */
export function pathOf(kind: KindName, d: AnyDescriptor): string | undefined {
  if (PATH_KINDS.has(kind)) return (d as { path: string }).path;
  if (kind === "permissions") {
    const p = d as PermissionsDescriptor;
    if (TREE_OBJECT_TYPES.has(p.objectType) || p.objectType === "repos") return p.objectId;
  }
  return undefined;
}

/** Why config leaves this descriptor out, or undefined when it is kept. */
export function excludedBy(kind: KindName, d: AnyDescriptor, f: StackConfig["filters"]): string | undefined {
  if (f.includeKinds && !f.includeKinds.includes(kind)) return "not in databricks-dr:includeKinds";
  if (f.excludeKinds?.includes(kind)) return "in databricks-dr:excludeKinds";
  const path = pathOf(kind, d);
  if (path === undefined) return undefined;
  if (f.includePaths && !f.includePaths.some((p) => underPrefix(path, p)))
    return "outside databricks-dr:includePaths";
  if (f.excludePaths?.some((p) => underPrefix(path, p))) return "under databricks-dr:excludePaths";
  return undefined;
}
