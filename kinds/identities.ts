import { z } from "zod";
import { principalRef, Ref } from "./common";

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

export const groupSchema = z.object({
  /**
   * The primary's SCIM group id: a renamed group is the same group (the secondary renames its own in place).
   * The secondary's group carries it in externalId (components/mapping/identities.ts groupMarker).
   */
  id: z.string().min(1),
  displayName: z.string().min(1),
  externalId: z.string().optional(),
  members: z.array(principalRef),
  entitlements: z.array(z.string()),
  roles: z.array(z.string()),
});
export type GroupDescriptor = z.infer<typeof groupSchema>;

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

export function groupReferences(g: GroupDescriptor): Ref[] {
  return g.members.map((m, i) => ({ kind: m.kind, id: m.id, field: `members[${i}]` }));
}
