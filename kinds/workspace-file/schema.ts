import { z } from "zod";
import { contentRef, workspacePath } from "../common";

export const workspaceFileSchema = z.object({
  /** The workspace path: object ids differ per workspace, paths do not. */
  id: workspacePath,
  path: workspacePath,
  content: contentRef,
});
export type WorkspaceFileDescriptor = z.infer<typeof workspaceFileSchema>;
