import { NotebookDescriptor } from "./schema";

/** verify/kinds.ts: a notebook is the same object in both workspaces at the same path. */
export const NOTEBOOK_VERIFY = { naturalKey: (d: NotebookDescriptor) => d.path, assignedIds: false } as const;
