import { z } from "zod";
import { contentRef } from "../common";

export const globalInitScriptSchema = z.object({
  /** The name: script ids differ per workspace. */
  id: z.string().min(1),
  name: z.string().min(1),
  enabled: z.boolean(),
  position: z.number().int().nonnegative(),
  content: contentRef,
});
export type GlobalInitScriptDescriptor = z.infer<typeof globalInitScriptSchema>;
