import { z } from "zod";
import { apiShape, Ref } from "../common";
import { poolSpecSchema } from "../compute-specs";

export const instancePoolSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  /** Settings create/edit accept, read-only fields (state, stats, status, default_tags) stripped. */
  spec: apiShape(poolSpecSchema),
});
export type InstancePoolDescriptor = z.infer<typeof instancePoolSchema>;

export function instancePoolReferences(_p: InstancePoolDescriptor): Ref[] {
  return [];
}
