import type * as databricks from "@pulumi/databricks";
import type { DataToReplicate } from "../../components/mapping/uc-deep-clone";
import { Mapping } from "../../components/mapping/refs";
import { EXPORT_IMPORT_TOOL } from "../mlflow-experiment/mapping";
import type { MlflowTag } from "../mlflow-experiment/schema";
import { MlflowModelDescriptor } from "./schema";

/**
 * descriptor -> MlflowModel args (the provider's `databricks.MlflowModel`, registered-models/create): name,
 * description, tags. The versions are not part of it (modelData). Pure.
 */
export function mlflowModelArgs(d: MlflowModelDescriptor): Mapping<databricks.MlflowModelArgs> {
  const tags = (d.settings.tags as MlflowTag[] | undefined) ?? [];
  const description = d.settings.description;
  const args: databricks.MlflowModelArgs = {
    name: d.name,
    ...(typeof description === "string" && description !== "" ? { description } : {}),
    ...(tags.length ? { tags: tags.map((t) => ({ key: t.key, value: t.value ?? "" })) } : {}),
  };
  return { ok: true, args, notes: [] };
}

/** The model's versions as data to replicate (the stack's `dataToReplicate` output), when it has any. */
export function modelData(d: MlflowModelDescriptor): DataToReplicate | undefined {
  if (d.data.versions === 0 && d.data.complete) return undefined;
  const stages = Object.entries(d.data.stages)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([s, n]) => `${n} ${s}`)
    .join(", ");
  const n = `${d.data.versions}${d.data.complete ? "" : " or more"} version(s)`;
  return {
    kind: "mlflow-model",
    id: d.id,
    fullName: d.name,
    remedy: `${n} (${stages}), their files are run artifacts: register them again with ${EXPORT_IMPORT_TOOL} (export-model, then import-model, after the runs they come from)`,
    clonedByJob: false,
  };
}
