import { z } from "zod";
import { isolationMode, securableBase, workspaceBinding } from "./grants";

/**
 * A storage credential (`GET /api/2.1/unity-catalog/storage-credentials`). Id: the API's `id` (its name can
 * change). Only what identifies the cloud identity is kept, never a secret: for an Azure managed identity the
 * Access Connector's resource id (and the user-assigned identity's, if any); for an Azure service principal
 * its directory and application ids (the client secret is write-only in the API and never read).
 */
export const ucStorageCredentialSchema = z
  .object({
    id: z.string().min(1),
    name: z.string().min(1),
    readOnly: z.boolean(),
    usedForManagedStorage: z.boolean().optional(),
    isolationMode: isolationMode.optional(),
    azureManagedIdentity: z
      .object({
        /** /subscriptions/…/providers/Microsoft.Databricks/accessConnectors/<name> */
        accessConnectorId: z.string().min(1),
        managedIdentityId: z.string().optional(),
      })
      .optional(),
    azureServicePrincipal: z
      .object({ directoryId: z.string().min(1), applicationId: z.string().min(1) })
      .optional(),
    /** Another cloud's identity type (`aws_iam_role`, ...): cannot serve an Azure secondary; reported. */
    otherCloud: z.string().optional(),
    workspaceBindings: z.array(workspaceBinding).optional(),
    ...securableBase,
  })
  .refine((d) => !!d.azureManagedIdentity || !!d.azureServicePrincipal || !!d.otherCloud, {
    message:
      "a storage credential names its identity (azureManagedIdentity, azureServicePrincipal or otherCloud)",
    path: ["azureManagedIdentity"],
  });
export type UcStorageCredentialDescriptor = z.infer<typeof ucStorageCredentialSchema>;
