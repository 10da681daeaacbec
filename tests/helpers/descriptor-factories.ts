/**
 * Descriptor factories for tests that need one particular hand-made object. The whole sample workspace is
 * the emulator's `sample` seed as the exporter snapshots it: `sampleWorld()` in sample-world.ts.
 */
import { Descriptor } from "../../kinds/registry";
import { PERMISSION_OBJECT_TYPES, PermissionObjectType } from "../../kinds/permission-types";
import { permissionsId } from "../../kinds/permissions/schema";

export function user(userName: string, over: Partial<Descriptor<"user">> = {}): Descriptor<"user"> {
  return { id: userName, userName, active: true, entitlements: [], roles: [], ...over };
}

export function group(
  displayName: string,
  members: Descriptor<"group">["members"] = [],
  over: Partial<Descriptor<"group">> = {},
): Descriptor<"group"> {
  return { id: displayName, displayName, members, entitlements: [], roles: [], ...over };
}

export function servicePrincipal(
  applicationId: string,
  over: Partial<Descriptor<"service-principal">> = {},
): Descriptor<"service-principal"> {
  return { id: applicationId, applicationId, active: true, entitlements: [], roles: [], ...over };
}

export function directory(p: string): Descriptor<"directory"> {
  return { id: p, path: p };
}

export function cluster(
  id: string,
  name: string,
  spec: Record<string, unknown> = {},
  over: Partial<Descriptor<"cluster">> = {},
): Descriptor<"cluster"> {
  return {
    id,
    name,
    source: "UI",
    pinned: false,
    // `undefined` in `spec` removes a default (a pool-backed cluster has no node_type_id).
    spec: Object.fromEntries(
      Object.entries({
        cluster_name: name,
        spark_version: "15.4.x-scala2.12",
        node_type_id: "Standard_DS3_v2",
        num_workers: 2,
        autotermination_minutes: 60,
        ...spec,
      }).filter(([, v]) => v !== undefined),
    ),
    libraries: [],
    ...over,
  };
}

export function job(
  id: string | number,
  name: string,
  settings: Record<string, unknown> = {},
  over: Partial<Descriptor<"job">> = {},
): Descriptor<"job"> {
  const s: Record<string, unknown> = { name, tasks: [], ...settings };
  const originalPause: Descriptor<"job">["originalPause"] = {};
  for (const t of ["schedule", "continuous", "trigger"] as const) {
    const v = s[t] as { pause_status?: string } | undefined;
    if (v) originalPause[t] = v.pause_status === "PAUSED" ? "PAUSED" : "UNPAUSED";
  }
  return { id: String(id), name, settings: s, originalPause, ...over };
}

export function permissions(
  objectType: PermissionObjectType,
  objectId: string,
  acl: Descriptor<"permissions">["acl"],
): Descriptor<"permissions"> {
  return { id: permissionsId(objectType, objectId), objectType, objectId, acl };
}

export const grant = (
  kind: "user" | "group" | "service-principal",
  id: string,
  level: string,
): Descriptor<"permissions">["acl"][number] => ({ principal: { kind, id }, level });

export { PERMISSION_OBJECT_TYPES };
