import { z } from "zod";
import { principalRef, Ref } from "../common";

export const groupSchema = z.object({
  /**
   * The primary's SCIM group id: a renamed group is the same group (the secondary renames its own in place).
   * The secondary's group carries it in externalId (kinds/group/mapping.ts groupMarker).
   */
  id: z.string().min(1),
  displayName: z.string().min(1),
  externalId: z.string().optional(),
  members: z.array(principalRef),
  entitlements: z.array(z.string()),
  roles: z.array(z.string()),
});
export type GroupDescriptor = z.infer<typeof groupSchema>;

export function groupReferences(g: GroupDescriptor): Ref[] {
  return g.members.map((m, i) => ({ kind: m.kind, id: m.id, field: `members[${i}]` }));
}
