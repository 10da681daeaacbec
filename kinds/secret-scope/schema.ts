import { z } from "zod";

export const secretScopeSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  backend: z.enum(["DATABRICKS", "AZURE_KEYVAULT"]),
  keyVault: z.object({ resourceId: z.string(), dnsName: z.string() }).optional(),
  /** Key names only: values cannot be read through the API and never land in a snapshot. */
  keys: z.array(z.string()),
  acls: z.array(z.object({ principal: z.string().min(1), permission: z.enum(["READ", "WRITE", "MANAGE"]) })),
});
export type SecretScopeDescriptor = z.infer<typeof secretScopeSchema>;
