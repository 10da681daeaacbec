import type * as databricks from "@pulumi/databricks";
import { Mapping } from "../../components/mapping/refs";
import { WorkspaceConfDescriptor } from "./schema";

/** Every exported key is set; a key the primary refused to answer cannot be copied and is checked by hand. */
export function workspaceConfArgs(d: WorkspaceConfDescriptor): Mapping<databricks.WorkspaceConfArgs> {
  const notes = Object.entries(d.refused ?? {}).map(
    ([key, why]) => `setting ${key} was not exported (the primary refused it: ${why}): compare it by hand`,
  );
  return { ok: true, args: { customConfig: { ...d.values } }, notes };
}
