import { GlobalInitScriptDescriptor } from "./schema";

/** verify/kinds.ts: matched by name; script ids are each workspace's own. */
export const GLOBAL_INIT_SCRIPT_VERIFY = {
  naturalKey: (d: GlobalInitScriptDescriptor) => d.name,
  assignedIds: true,
} as const;
