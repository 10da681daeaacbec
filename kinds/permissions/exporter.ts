import { KindName } from "../common";
import { PERMISSION_TARGETS, PermissionObjectType } from "../permission-types";
import { permissionsId } from "./schema";
import { PermissionsDescriptor } from "./schema";
import { ownAcl } from "../../exporters/normalize";
import { jsonSignature } from "../../exporters/reuse";
import { reposList, scimNames } from "../../exporters/shared";
import { ExportContext, KindExporter, Listed } from "../../exporters/types";
import { workspaceWalk, wsSignature } from "../../exporters/workspace-walk";

/** `sig`: the version of the object the ACL belongs to (its ACL is read again only when that changes). */
type Item = Listed & { objectType: PermissionObjectType; objectId: string; apiId: string; sig?: string };

const WORKSPACE_TYPES: Record<string, PermissionObjectType> = {
  DIRECTORY: "directories",
  NOTEBOOK: "notebooks",
  FILE: "files",
};
const WORKSPACE_KIND: Record<string, KindName> = {
  DIRECTORY: "directory",
  NOTEBOOK: "notebook",
  FILE: "workspace-file",
};

/** Objects whose descriptors name them by their API id (contracts whose permission targets are `descriptor`). */
const BY_ID: [KindName, PermissionObjectType][] = Object.values(PERMISSION_TARGETS).flatMap((t) =>
  t.kind && (t.targets ?? "descriptor") === "descriptor" ? [[t.kind, t.objectType]] : [],
);
/** Read through the legacy SQL permissions API (flat entries, no inheritance), as the recordings show. */
const SQL_LEGACY: ReadonlySet<PermissionObjectType> = new Set(
  Object.values(PERMISSION_TARGETS)
    .filter((t) => t.api === "sql-legacy")
    .map((t) => t.objectType),
);

const target = (
  objectType: PermissionObjectType,
  objectId: string,
  apiId: string,
  sig: string | undefined,
): Item => ({
  id: permissionsId(objectType, objectId),
  objectType,
  objectId,
  apiId,
  sig: sig === undefined ? undefined : `${apiId}:${sig}`,
});

/** Workspace objects stream in as the walk finds them; the other kinds follow once they are exported. */
async function* permissionTargets(ctx: ExportContext): AsyncGenerator<Item> {
  const wsTypes = Object.keys(WORKSPACE_KIND).filter((t) => ctx.included(WORKSPACE_KIND[t]));
  if (wsTypes.length)
    for await (const e of (await workspaceWalk(ctx)).stream(wsTypes))
      if (e.objectId !== undefined)
        yield target(WORKSPACE_TYPES[e.objectType], e.path, String(e.objectId), wsSignature(e));
  for (const [kind, type] of BY_ID)
    for (const d of await ctx.results(kind)) yield target(type, d.id, d.id, jsonSignature(d));
  if (ctx.included("repo")) {
    const exported = new Map((await ctx.results("repo")).map((r) => [r.id, r]));
    for (const r of await reposList(ctx)) {
      const d = typeof r.path === "string" ? exported.get(r.path) : undefined;
      if (d) yield target("repos", d.id, String(r.id), jsonSignature(d));
    }
  }
  // Workspace-wide settings have no version to compare: always read.
  yield target("authorization/tokens", "tokens", "tokens", undefined);
  yield target("authorization/passwords", "passwords", "passwords", undefined);
}

/** Own grants per object; an object with none (only inherited entries) needs no descriptor. */
export const permissionsExporter: KindExporter<"permissions", Item> = {
  kind: "permissions",
  list: permissionTargets,
  signature: (_ctx, item) => item.sig,
  async read(ctx, item): Promise<PermissionsDescriptor | undefined> {
    const type = PERMISSION_TARGETS[item.objectType].apiType ?? item.objectType;
    const path = item.objectType.startsWith("authorization/")
      ? `/api/2.0/permissions/${item.objectType}`
      : SQL_LEGACY.has(item.objectType)
        ? `/api/2.0/preview/sql/permissions/${type}/${encodeURIComponent(item.apiId)}`
        : `/api/2.0/permissions/${type}/${encodeURIComponent(item.apiId)}`;
    const body = await ctx.client.get(path);
    const { groupIds } = await scimNames(ctx);
    // A grant to a group SCIM does not list cannot be tied to a group: left out, and said so.
    const acl = ownAcl(
      body,
      (name) => groupIds.get(name),
      (name) =>
        ctx.skip("permissions", `${item.id}#group:${name}`, "grant to a group the SCIM API does not list"),
    );
    if (acl.length === 0) return undefined;
    return { id: item.id, objectType: item.objectType, objectId: item.objectId, acl };
  },
};
