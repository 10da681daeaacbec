import { z } from "zod";
import type { Ref } from "../common";
import { isolationMode, securableBase, storageUrl, stringMap, workspaceBinding } from "./grants";

/**
 * A catalog (`GET /api/2.1/unity-catalog/catalogs`). Id: its NAME — CatalogInfo carries no id (only the
 * parent's metastore_id), so a renamed catalog is a new one. `storageRoot` is the managed location as set
 * (rewritten by the storage map in the secondary); `storageLocation` the effective one the service derived.
 * Foreign catalogs name their connection; Delta Sharing catalogs their provider and share.
 */
export const ucCatalogSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  catalogType: z.string().min(1),
  storageRoot: storageUrl.optional(),
  storageLocation: storageUrl.optional(),
  isolationMode: isolationMode.optional(),
  /** Bindings of an ISOLATED catalog to workspaces (the primary's ids), sorted by workspace id. */
  workspaceBindings: z.array(workspaceBinding),
  properties: stringMap,
  /** Foreign catalogs: the options given to the connection (database, ...). */
  options: stringMap.optional(),
  connectionName: z.string().optional(),
  /** The connection descriptor's id (connection_id), resolved from connectionName at export. */
  connectionId: z.string().optional(),
  providerName: z.string().optional(),
  shareName: z.string().optional(),
  enablePredictiveOptimization: z.string().optional(),
  ...securableBase,
});
export type UcCatalogDescriptor = z.infer<typeof ucCatalogSchema>;

export function ucCatalogReferences(d: UcCatalogDescriptor): Ref[] {
  return d.connectionId ? [{ kind: "uc-connection", id: d.connectionId, field: "connectionId" }] : [];
}
