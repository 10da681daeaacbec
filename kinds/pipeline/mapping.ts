import type * as databricks from "@pulumi/databricks";
import { ApiObject } from "../common";
import { cloneJson, isPlainObject, toPulumiArgs } from "../../components/mapping/api-args";
import { NO_PORT, PortEnv, portComputeSpec, portLibraries } from "../../components/mapping/portability";
import { Mapping, remapReferences, Resolver, skip } from "../../components/mapping/refs";
import { markCredentialArgs } from "../../components/mapping/secret-args";
import { mapStoragePath } from "../../components/mapping/storage-map";
import { pipelineReferences, PipelineDescriptor } from "./schema";

/** Settings the API reports but the provider does not take (or takes as a separate argument). */
const NOT_SENT = ["run_as"];

/** A path naming the primary's storage (abfss, volume, mount) rewritten by the storage map, or a note. */
function portStorage(holder: ApiObject, key: string, field: string, env: PortEnv, notes: string[]): void {
  const v = holder[key];
  if (typeof v !== "string") return;
  const r = mapStoragePath(v, env.storage);
  if (!r.mapped)
    notes.push(
      `${field} ${JSON.stringify(v)} still points at the primary's storage (${r.missing}): add it to databricks-dr:storageMap ("keep" for a GRS account that fails over) or copy the file`,
    );
  holder[key] = r.path;
}

/**
 * The pause policy of a pipeline: while the secondary is passive a continuous pipeline is created
 * triggered (`continuous: false`) and a cron trigger is replaced by a manual one, so creating it starts
 * no update and nothing runs until someone starts it; on activation the primary's settings come back.
 */
export function applyPipelinePause(settings: ApiObject, activation: boolean, notes: string[]): void {
  if (activation) return;
  if (settings.continuous === true) {
    settings.continuous = false;
    notes.push("continuous pipeline created triggered while passive (continuous restored on activation)");
  }
  const trigger = settings.trigger;
  if (isPlainObject(trigger) && trigger.cron !== undefined) {
    settings.trigger = { manual: {} };
    notes.push("cron trigger replaced by a manual one while passive (restored on activation)");
  }
}

/**
 * descriptor -> Pipeline args: references remapped to the secondary's (policies and pools hard: without
 * them the pipeline is skipped; notebooks, files, the catalog soft), compute ported to Azure (other
 * clouds' attributes dropped, node types mapped, init scripts and library paths through the storage map),
 * pause policy applied, run_as resolved. Pure.
 */
export function pipelineArgs(
  d: PipelineDescriptor,
  opts: { activation: boolean; resolve: Resolver; port?: PortEnv },
): Mapping<databricks.PipelineArgs> {
  const env = opts.port ?? NO_PORT;
  const settings = cloneJson(d.settings);
  const root = { settings };
  const refs = pipelineReferences(d).filter((r) => r.field.startsWith("settings."));
  const remap = remapReferences(root, refs, opts.resolve);
  const notes = [...remap.notes];
  if (remap.skip) return skip(remap.skip, notes);

  const clusters = Array.isArray(settings.clusters) ? settings.clusters : [];
  for (const [i, c] of clusters.entries()) {
    if (!isPlainObject(c)) continue;
    const why = portComputeSpec(c, `settings.clusters[${i}]`, env, notes);
    if (why) return skip(why, notes);
  }
  portLibraries(settings.libraries, "settings.libraries", env, notes);
  const libs = Array.isArray(settings.libraries) ? settings.libraries : [];
  libs.forEach((l: unknown, i) => {
    if (!isPlainObject(l)) return;
    for (const [k, p] of [
      ["notebook", "path"],
      ["file", "path"],
      ["glob", "include"],
    ] as const)
      if (isPlainObject(l[k])) portStorage(l[k], p, `settings.libraries[${i}].${k}.${p}`, env, notes);
  });
  portStorage(settings, "storage", "settings.storage", env, notes);
  applyPipelinePause(settings, opts.activation, notes);
  for (const k of NOT_SENT) delete settings[k];

  const configuration = isPlainObject(settings.configuration) ? { ...settings.configuration } : undefined;
  const args = toPulumiArgs(settings) as databricks.PipelineArgs & Record<string, unknown>;
  if (configuration) args.configuration = configuration as Record<string, string>;
  args.name = d.name;
  // A plaintext credential in the settings (kinds/credentials.ts) makes its argument a Pulumi secret.
  markCredentialArgs("pipeline", d, "settings", settings, args);
  if (d.runAs) {
    const kind = d.runAs.includes("@") ? "user" : "service-principal";
    const r = opts.resolve({ kind, id: d.runAs, field: "runAs" });
    if ("value" in r)
      args.runAs =
        kind === "user" ? { userName: r.value as string } : { servicePrincipalName: r.value as string };
    else
      notes.push(`run_as ${d.runAs} is not in the secondary (${r.missing}): the pipeline runs as its owner`);
  }
  return { ok: true, args, notes };
}
