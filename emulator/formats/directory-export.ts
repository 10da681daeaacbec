import { MAX_EXPORT_BYTES, tooLarge } from "../errors";
import { WsNode } from "../state/tree";
import { WorkspaceState } from "../state/workspace-state";
import { zip } from "./archive";
import { DBC_EXTENSION, EXTENSION, toDbcEntry, toSource } from "./notebook";

/**
 * A directory exported as ONE archive of its subtree: SOURCE and DBC carry notebooks only, AUTO carries
 * notebooks (as SOURCE) and workspace files. The 10 MB limit applies to the whole archive, counted on the
 * content it would hold, and is checked before anything is built.
 */
export function archiveOf(
  state: WorkspaceState,
  dir: WsNode,
  format: "SOURCE" | "DBC" | "AUTO",
): { data: Buffer; fileType: string } {
  const included: WsNode[] = [];
  let total = 0;
  for (const n of state.tree.walk(dir.path)) {
    if (n.object_type === "NOTEBOOK" || (format === "AUTO" && n.object_type === "FILE")) {
      included.push(n);
      total += state.sizeOf(n);
      if (total > MAX_EXPORT_BYTES) throw tooLarge(dir.path);
    }
  }
  const top = dir.path === "/" ? "" : `${dir.path.slice(dir.path.lastIndexOf("/") + 1)}/`;
  const entries = included.map((n) => {
    const rel = top + n.path.slice(dir.path === "/" ? 1 : dir.path.length + 1);
    if (n.object_type === "FILE") return { name: rel, data: state.contentOf(n), mtime: n.modified_at };
    const lang = n.language ?? "PYTHON";
    const source = state.contentOf(n).toString("utf8");
    if (format === "DBC")
      return {
        name: `${rel}.${DBC_EXTENSION[lang]}`,
        data: toDbcEntry(lang, rel.slice(rel.lastIndexOf("/") + 1), n.object_id, source),
        mtime: n.modified_at,
      };
    return { name: `${rel}.${EXTENSION[lang]}`, data: toSource(lang, source), mtime: n.modified_at };
  });
  return { data: zip(entries), fileType: format === "DBC" ? "dbc" : "zip" };
}
