import { z } from "zod";
import { contentRef, workspacePath } from "./common";

export const NOTEBOOK_LANGUAGES = ["PYTHON", "SCALA", "SQL", "R"] as const;

export const directorySchema = z.object({
  /** The workspace path: object ids differ per workspace, paths do not. */
  id: workspacePath,
  path: workspacePath,
});
export type DirectoryDescriptor = z.infer<typeof directorySchema>;

export const notebookSchema = z.object({
  id: workspacePath,
  path: workspacePath,
  language: z.enum(NOTEBOOK_LANGUAGES),
  /** SOURCE bytes as exported; imported back with the same language. */
  content: contentRef,
});
export type NotebookDescriptor = z.infer<typeof notebookSchema>;

export const workspaceFileSchema = z.object({
  id: workspacePath,
  path: workspacePath,
  content: contentRef,
});
export type WorkspaceFileDescriptor = z.infer<typeof workspaceFileSchema>;

export const repoSchema = z.object({
  id: workspacePath,
  path: workspacePath,
  url: z.string().min(1),
  provider: z.string().min(1),
  branch: z.string().optional(),
  /** Pinned commit when the repo was exported on a detached head. */
  headCommitId: z.string().optional(),
  sparseCheckoutPatterns: z.array(z.string()).optional(),
});
export type RepoDescriptor = z.infer<typeof repoSchema>;

/** A DBFS file that something else needs: a cluster-scoped init script, a library jar or wheel. */
export const dbfsFileSchema = z.object({
  /** `dbfs:/...` as the referrers spell it. */
  id: z.string().regex(/^dbfs:\//, "must start with dbfs:/"),
  path: z.string().startsWith("/"),
  content: contentRef,
});
export type DbfsFileDescriptor = z.infer<typeof dbfsFileSchema>;
