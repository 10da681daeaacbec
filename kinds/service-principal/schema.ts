import { z } from "zod";

export const servicePrincipalSchema = z.object({
  /** applicationId: the Entra ID application, the same in every workspace. */
  id: z.string().min(1),
  applicationId: z.string().min(1),
  displayName: z.string().optional(),
  active: z.boolean(),
  entitlements: z.array(z.string()),
  roles: z.array(z.string()),
});
export type ServicePrincipalDescriptor = z.infer<typeof servicePrincipalSchema>;
