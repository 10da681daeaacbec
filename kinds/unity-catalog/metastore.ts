import { z } from "zod";
import type { Ref } from "../common";
import { securableBase, storageUrl } from "./grants";

/**
 * The workspace's metastore (`GET /api/2.1/unity-catalog/metastore_summary`, and the assignment from
 * `GET /api/2.1/unity-catalog/current-metastore-assignment`). Informational: a metastore is regional, so
 * the secondary uses its own region's one (existing, or created with an account-level provider) and is
 * never given the primary's. Id: `metastore_id`.
 */
export const ucMetastoreSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  /** Cloud region the metastore serves (`eastus2`). */
  region: z.string().min(1),
  cloud: z.string().optional(),
  /** The metastore's own managed storage; absent for metastores created without one (catalog-level storage). */
  storageRoot: storageUrl.optional(),
  /** The storage credential (its `id`) that reaches storageRoot. */
  storageRootCredentialId: z.string().optional(),
  globalMetastoreId: z.string().optional(),
  deltaSharingScope: z.string().optional(),
  privilegeModelVersion: z.string().optional(),
  /** The primary workspace's assignment: its workspace id and default catalog. */
  assignment: z
    .object({ workspaceId: z.string().optional(), defaultCatalogName: z.string().optional() })
    .optional(),
  ...securableBase,
});
export type UcMetastoreDescriptor = z.infer<typeof ucMetastoreSchema>;

export function ucMetastoreReferences(d: UcMetastoreDescriptor): Ref[] {
  return d.storageRootCredentialId
    ? [{ kind: "uc-storage-credential", id: d.storageRootCredentialId, field: "storageRootCredentialId" }]
    : [];
}
