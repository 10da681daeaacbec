import type * as databricks from "@pulumi/databricks";
import { CLUSTER_READ_ONLY, CLUSTER_READ_ONLY_PREFIXES } from "../read-only";
import { ApiObject } from "../common";
import { ClusterDescriptor, clusterReferences } from "./schema";
import type { ComputePolicy } from "../../components/mapping/compute-policy";
import { cloneJson, toPulumiArgs } from "../../components/mapping/api-args";
import { NO_PORT, portComputeSpec, PortEnv, portLibraries } from "../../components/mapping/portability";
import { Mapping, remapReferences, Resolver, skip } from "../../components/mapping/refs";
import { markCredentialArgs } from "../../components/mapping/secret-args";
import { SOURCE_TAG, withSourceTag } from "../../components/mapping/source-marker";

/** Read-only cluster fields, and disk_spec, which the provider cannot set on Azure. */
const CLUSTER_NOT_SETTABLE = [...CLUSTER_READ_ONLY, "disk_spec"];

/**
 * The auto-termination a replicated all-purpose cluster gets. Creating a cluster starts it, so while passive
 * (noWait) it stops again after a short idle time; on activation, and with keepOriginal, it has its own.
 * 0 means "never" in the API: passive clusters never keep that.
 */
export function autoTerminationFor(original: unknown, policy: ComputePolicy): number | undefined {
  const own = typeof original === "number" ? original : undefined;
  if (policy.activation || policy.clusterStartPolicy === "keepOriginal") return own;
  const short = policy.passiveAutoTerminationMinutes;
  return own === undefined || own === 0 || own > short ? short : own;
}

export function clusterArgs(
  d: ClusterDescriptor,
  policy: ComputePolicy,
  resolve: Resolver,
  env: PortEnv = NO_PORT,
): Mapping<databricks.ClusterArgs> {
  if (policy.clusterStartPolicy === "skipAllPurpose")
    return skip("all-purpose clusters are not replicated (databricks-dr:clusterStartPolicy skipAllPurpose)");
  const spec = cloneJson(d.spec);
  if (typeof spec.spark_version !== "string")
    return skip("the cluster has no spark_version in the snapshot: its settings were not readable");
  const root = { spec, libraries: cloneJson(d.libraries) };
  const remap = remapReferences(root, clusterReferences(d), resolve);
  if (remap.skip) return skip(remap.skip, remap.notes);
  const notes = [...remap.notes];
  const unportable = portComputeSpec(spec, "spec", env, notes);
  if (unportable) return skip(unportable, notes);
  portLibraries(root.libraries, "libraries", env, notes);
  for (const k of CLUSTER_NOT_SETTABLE) delete spec[k];
  for (const k of Object.keys(spec))
    if (CLUSTER_READ_ONLY_PREFIXES.some((p) => k.startsWith(p))) delete spec[k];
  const auto = autoTerminationFor(spec.autotermination_minutes, policy);
  if (auto === undefined) delete spec.autotermination_minutes;
  else spec.autotermination_minutes = auto;
  const args = toPulumiArgs(spec) as databricks.ClusterArgs & ApiObject;
  args.clusterName = d.name;
  args.customTags = withSourceTag(args.customTags, SOURCE_TAG, d.id);
  args.isPinned = d.pinned;
  // noWait: `pulumi up` does not wait for each new cluster to reach RUNNING.
  args.noWait = policy.clusterStartPolicy !== "keepOriginal";
  if (root.libraries.length)
    args.libraries = toPulumiArgs(root.libraries) as databricks.ClusterArgs["libraries"];
  markCredentialArgs("cluster", d, "spec", spec, args);
  return { ok: true, args, notes };
}
