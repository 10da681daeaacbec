import { z } from "zod";
import { workspacePath } from "../common";

export const directorySchema = z.object({
  /** The workspace path: object ids differ per workspace, paths do not. */
  id: workspacePath,
  path: workspacePath,
});
export type DirectoryDescriptor = z.infer<typeof directorySchema>;
