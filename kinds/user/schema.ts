import { z } from "zod";

export const userSchema = z.object({
  /** userName (the e-mail or UPN): the same person in both workspaces. */
  id: z.string().min(1),
  userName: z.string().min(1),
  displayName: z.string().optional(),
  active: z.boolean(),
  externalId: z.string().optional(),
  entitlements: z.array(z.string()),
  roles: z.array(z.string()),
});
export type UserDescriptor = z.infer<typeof userSchema>;
