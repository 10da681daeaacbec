import { removeNode } from "../emulator/routes/workspace";
import { WorkspaceState } from "../emulator";

/**
 * A few edits to a workspace, as users make between two syncs: one notebook edited, one added, one deleted,
 * one job renamed, one cluster removed. Returns what was changed (for the benchmark's table).
 */
export function mutateLarge(state: WorkspaceState): Record<string, string> {
  const notebooks = [...state.tree.nodes.values()].filter((n) => n.object_type === "NOTEBOOK");
  notebooks.sort((a, b) => (a.path < b.path ? -1 : 1));
  const out: Record<string, string> = {};
  if (notebooks.length >= 2) {
    const edited = notebooks[0];
    const now = state.now();
    edited.content = Buffer.concat([state.contentOf(edited), Buffer.from("\n# edited\n")]);
    edited.gen = undefined;
    edited.modified_at = now;
    out.edited = edited.path;
    const gone = notebooks[notebooks.length - 1];
    removeNode(state, gone.path);
    out.deleted = gone.path;
    const added = `${edited.path}-copy`;
    state.tree.put({
      path: added,
      object_type: "NOTEBOOK",
      object_id: state.objectId(),
      language: edited.language,
      created_at: now,
      modified_at: now,
      content: Buffer.from(edited.content),
    });
    out.added = added;
  }
  const job = [...state.jobs.values()][0];
  if (job) {
    job.settings = { ...job.settings, name: `${String(job.settings?.name ?? "job")}-renamed` };
    state.touch(job);
    out.job = String(job.job_id);
  }
  const cluster = [...state.clusters.keys()][0];
  if (cluster) {
    // As clusters/permanent-delete does.
    state.clusters.delete(cluster);
    state.clusterTransitions.delete(cluster);
    state.libraries.delete(cluster);
    state.acls.delete(`clusters/${cluster}`);
    state.permissionsRaw.delete(`clusters/${cluster}`);
    state.dropVerbatimList("clusters");
    out.cluster = cluster;
  }
  return out;
}
