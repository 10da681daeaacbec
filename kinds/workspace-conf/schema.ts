import { z } from "zod";

export const workspaceConfSchema = z.object({
  id: z.literal("workspace-conf"),
  /** Only keys asked for by name: the API cannot list them (kinds/workspace-conf/exporter.ts). */
  values: z.record(z.string(), z.string()),
  /** Keys asked for that hold no value (the workspace default applies): nothing to set. */
  unset: z.array(z.string()).optional(),
  /** Keys the workspace refused, with the API's reason: recorded, never dropped silently. */
  refused: z.record(z.string(), z.string()).optional(),
});
export type WorkspaceConfDescriptor = z.infer<typeof workspaceConfSchema>;
