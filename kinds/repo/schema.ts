import { z } from "zod";
import { workspacePath } from "../common";

export const repoSchema = z.object({
  /** The workspace path: object ids differ per workspace, paths do not. */
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
