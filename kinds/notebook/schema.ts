import { z } from "zod";
import { contentRef, workspacePath } from "../common";

export const NOTEBOOK_LANGUAGES = ["PYTHON", "SCALA", "SQL", "R"] as const;

export const notebookSchema = z.object({
  /** The workspace path: object ids differ per workspace, paths do not. */
  id: workspacePath,
  path: workspacePath,
  language: z.enum(NOTEBOOK_LANGUAGES),
  /** SOURCE bytes as exported; imported back with the same language. */
  content: contentRef,
});
export type NotebookDescriptor = z.infer<typeof notebookSchema>;
