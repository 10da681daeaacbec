import { z } from "zod";
import type { Ref } from "../common";
import { isolationMode, securableBase, storageUrl, workspaceBinding } from "./grants";

/**
 * An external location (`GET /api/2.1/unity-catalog/external-locations`). Id: its NAME — the API gives an
 * external location no id of its own. It references its storage credential by the credential's `id`
 * (`credential_id`). The url points at the primary's storage; the stack rewrites it with the storage map.
 */
export const ucExternalLocationSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  url: storageUrl,
  credentialId: z.string().min(1).optional(),
  credentialName: z.string().min(1),
  readOnly: z.boolean(),
  fallback: z.boolean().optional(),
  enableFileEvents: z.boolean().optional(),
  isolationMode: isolationMode.optional(),
  workspaceBindings: z.array(workspaceBinding).optional(),
  ...securableBase,
});
export type UcExternalLocationDescriptor = z.infer<typeof ucExternalLocationSchema>;

export function ucExternalLocationReferences(d: UcExternalLocationDescriptor): Ref[] {
  return d.credentialId ? [{ kind: "uc-storage-credential", id: d.credentialId, field: "credentialId" }] : [];
}
