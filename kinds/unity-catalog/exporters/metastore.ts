import { ApiError } from "../../../client";
import { UcMetastoreDescriptor } from "../index";
import { Obj, str } from "../../../exporters/normalize";
import { KindExporter, Listed, SkipError } from "../../../exporters/types";
import { defined, UC, ucGrants, ucMetastore, ucRefreshDue, ucSignature } from "./shared";

/** metastore_summary (+ the workspace's assignment) → descriptor, grants aside. */
export function normalizeMetastore(m: Obj, assignment: Obj): Omit<UcMetastoreDescriptor, "grants"> {
  const id = str(m.metastore_id);
  const name = str(m.name);
  const region = str(m.region);
  if (!id || !name || !region) throw new SkipError("metastore without metastore_id, name or region");
  const ws = assignment.workspace_id;
  return defined({
    id,
    name,
    region,
    cloud: str(m.cloud),
    storageRoot: str(m.storage_root),
    storageRootCredentialId: str(m.storage_root_credential_id),
    globalMetastoreId: str(m.global_metastore_id),
    deltaSharingScope: str(m.delta_sharing_scope),
    privilegeModelVersion: str(m.privilege_model_version),
    assignment: defined({
      workspaceId: typeof ws === "number" || typeof ws === "string" ? String(ws) : undefined,
      defaultCatalogName: str(assignment.default_catalog_name),
    }),
    owner: str(m.owner),
  });
}

type Item = Listed & { base: Omit<UcMetastoreDescriptor, "grants"> };

/** The one metastore assigned to the workspace (informational: the secondary has its own). */
export const ucMetastoreExporter: KindExporter<"uc-metastore", Item> = {
  kind: "uc-metastore",
  async list(ctx) {
    const summary = await ucMetastore(ctx);
    // The assignment adds the default catalog; a workspace that cannot read it still has its metastore.
    const assignment = await ctx.client
      .get<Obj>(`${UC}/current-metastore-assignment`)
      .catch((e: unknown) => (e instanceof ApiError ? ({} as Obj) : Promise.reject(e)));
    const base = normalizeMetastore(summary, assignment);
    return [{ id: base.id, base }];
  },
  signature: (ctx, item) => ucSignature(ctx, item.id, item.base),
  refresh: (ctx, item) => ucRefreshDue(ctx, item.id),
  async read(ctx, item) {
    return { ...item.base, grants: await ucGrants(ctx, "uc-metastore", item.id, "metastore", item.id) };
  },
};
