import type * as databricks from "@pulumi/databricks";
import type { DataToReplicate } from "../../components/mapping/uc-deep-clone";
import { Mapping, Resolver, skip } from "../../components/mapping/refs";
import { mapStoragePath, StorageMap } from "../../components/mapping/storage-map";
import {
  experimentFolder,
  isNotebookExperiment,
  MlflowExperimentDescriptor,
  MlflowTag,
  NOTE_TAG,
} from "./schema";

/** The workspace's default artifact store (DBFS root): the secondary picks its own, never the primary's. */
export const DEFAULT_ARTIFACTS = /^dbfs:\/databricks\/mlflow-tracking\//;

/** What copies runs and registered model versions between workspaces (named in every remedy). */
export const EXPORT_IMPORT_TOOL = "the MLflow export-import tool (github.com/mlflow/mlflow-export-import)";

/**
 * The artifact location the secondary's experiment gets: none for the workspace default (the secondary
 * assigns its own), an abfss/mount/volume path through the storage map (kept, with a note, when the map does
 * not cover it), any other DBFS-root path kept with a note (the secondary's DBFS root is other storage).
 */
export function artifactLocationOf(
  d: MlflowExperimentDescriptor,
  storage: StorageMap,
  notes: string[],
): string | undefined {
  const loc = d.settings.artifact_location;
  if (typeof loc !== "string" || DEFAULT_ARTIFACTS.test(loc)) return undefined;
  const r = mapStoragePath(loc, storage);
  if (!r.mapped) {
    notes.push(
      `artifact_location ${JSON.stringify(loc)} still points at the primary's storage (${r.missing}): add it to databricks-dr:storageMap ("keep" for a GRS account that fails over) or copy the artifacts with ${EXPORT_IMPORT_TOOL}`,
    );
    return loc;
  }
  if (r.storage === undefined && /^dbfs:/i.test(loc))
    notes.push(
      `artifact_location ${JSON.stringify(loc)} is in the primary's DBFS root, which the secondary does not share: copy the artifacts with ${EXPORT_IMPORT_TOOL}`,
    );
  else if (r.storage === undefined)
    notes.push(`artifact_location ${JSON.stringify(loc)} is not Azure storage: kept as the primary has it`);
  return r.path;
}

/**
 * descriptor -> MlflowExperiment args (the provider's `databricks.MlflowExperiment`, experiments/create):
 * the name (a workspace path: its folder must be in the secondary, else a skip: create would fail), the
 * artifact location (artifactLocationOf), the user's tags and the description (the `mlflow.note.content`
 * tag, as MLflow keeps it; the other `mlflow.*` tags are the service's own). A notebook's own experiment is skipped: its notebook makes it.
 * Runs are not part of it (experimentData). Pure.
 */
export function mlflowExperimentArgs(
  d: MlflowExperimentDescriptor,
  opts: { resolve: Resolver; storage: StorageMap },
): Mapping<databricks.MlflowExperimentArgs> {
  if (isNotebookExperiment(d))
    return skip(
      `a notebook's own experiment: the secondary's notebook ${d.name} makes it on its first run; its runs are data (${EXPORT_IMPORT_TOOL})`,
    );
  const folder = experimentFolder(d.name);
  if (folder !== "/") {
    const r = opts.resolve({ kind: "directory", id: folder, field: "settings.name" });
    if ("missing" in r) return skip(`its folder ${folder} is not in the secondary (${r.missing})`);
  }
  const notes: string[] = [];
  const tags = ((d.settings.tags as MlflowTag[] | undefined) ?? []).filter(
    (t) => !t.key.startsWith("mlflow.") || t.key === NOTE_TAG,
  );
  const location = artifactLocationOf(d, opts.storage, notes);
  const args: databricks.MlflowExperimentArgs = {
    name: d.name,
    ...(location !== undefined ? { artifactLocation: location } : {}),
    ...(tags.length ? { tags: tags.map((t) => ({ key: t.key, value: t.value ?? "" })) } : {}),
  };
  return { ok: true, args, notes };
}

/** The experiment's runs as data to replicate (the stack's `dataToReplicate` output), when it has any. */
export function experimentData(d: MlflowExperimentDescriptor): DataToReplicate | undefined {
  if (d.data.runs === 0 && d.data.complete) return undefined;
  const runs = `${d.data.runs}${d.data.complete ? "" : " or more"} run(s)`;
  return {
    kind: "mlflow-experiment",
    id: d.id,
    fullName: d.name,
    remedy: `${runs} with their metrics, parameters and artifacts: copy them with ${EXPORT_IMPORT_TOOL} (export-experiment, then import-experiment into the secondary's experiment)`,
    clonedByJob: false,
  };
}
