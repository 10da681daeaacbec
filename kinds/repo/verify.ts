import { RepoDescriptor } from "./schema";

/** verify/kinds.ts: matched by path; sparse checkout patterns are a set. */
export const REPO_VERIFY = {
  naturalKey: (d: RepoDescriptor) => d.path,
  assignedIds: false,
  setFields: ["sparseCheckoutPatterns"],
} as const;
