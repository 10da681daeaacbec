import { z } from "zod";
import { contentRef } from "./common";

export const globalInitScriptSchema = z.object({
  /** The name: script ids differ per workspace. */
  id: z.string().min(1),
  name: z.string().min(1),
  enabled: z.boolean(),
  position: z.number().int().nonnegative(),
  content: contentRef,
});
export type GlobalInitScriptDescriptor = z.infer<typeof globalInitScriptSchema>;

export const workspaceConfSchema = z.object({
  id: z.literal("workspace-conf"),
  /** Only keys asked for by name: the API cannot list them (exporters/kinds/workspace-conf.ts). */
  values: z.record(z.string(), z.string()),
  /** Keys asked for that hold no value (the workspace default applies): nothing to set. */
  unset: z.array(z.string()).optional(),
  /** Keys the workspace refused, with the API's reason: recorded, never dropped silently. */
  refused: z.record(z.string(), z.string()).optional(),
});
export type WorkspaceConfDescriptor = z.infer<typeof workspaceConfSchema>;
