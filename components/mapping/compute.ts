import type * as databricks from "@pulumi/databricks";
import * as pulumi from "@pulumi/pulumi";
import { CLUSTER_READ_ONLY, CLUSTER_READ_ONLY_PREFIXES, WAREHOUSE_READ_ONLY } from "../../kinds/read-only";
import { ApiObject } from "../../kinds/common";
import { setAtPath } from "../../kinds/field-path";
import {
  ClusterDescriptor,
  clusterPolicyReferences,
  clusterReferences,
  ClusterPolicyDescriptor,
  InstancePoolDescriptor,
  SqlWarehouseDescriptor,
} from "../../kinds/compute";
import type { ClusterStartPolicy } from "../config/schema";
import { cloneJson, toPulumiArgs } from "./api-args";
import { NO_PORT, portComputeSpec, PortEnv, portLibraries, portPolicyDocument } from "./portability";
import { HARD_REFERENCE_KINDS, Mapping, remapReferences, Resolver, skip } from "./refs";
import { credentialUnder, markCredentialArgs } from "./secret-args";
import { POOL_SOURCE_TAG, SOURCE_TAG, withSourceTag, withWarehouseSourceTag } from "./source-marker";

export interface ComputePolicy {
  activation: boolean;
  clusterStartPolicy: ClusterStartPolicy;
  /** Auto-termination (and warehouse auto-stop) while passive, for noWait. */
  passiveAutoTerminationMinutes: number;
}

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

export function instancePoolArgs(
  d: InstancePoolDescriptor,
  policy: ComputePolicy,
  env: PortEnv = NO_PORT,
): Mapping<databricks.InstancePoolArgs> {
  const spec = cloneJson(d.spec);
  for (const k of ["instance_pool_id", "state", "stats", "status", "default_tags"]) delete spec[k];
  const notes: string[] = [];
  const unportable = portComputeSpec(spec, "spec", env, notes);
  if (unportable) return skip(unportable, notes);
  // Idle instances cost money while nothing runs in the secondary.
  if (!policy.activation) spec.min_idle_instances = 0;
  if (typeof spec.idle_instance_autotermination_minutes !== "number") {
    spec.idle_instance_autotermination_minutes = 60;
    notes.push("idle_instance_autotermination_minutes was not in the snapshot: set to 60");
  }
  const args = toPulumiArgs(spec) as databricks.InstancePoolArgs & ApiObject;
  args.instancePoolName = d.name;
  args.customTags = withSourceTag(args.customTags, POOL_SOURCE_TAG, d.id);
  markCredentialArgs("instance-pool", d, "spec", spec, args);
  return { ok: true, args, notes };
}

/**
 * A policy's definition is a JSON document held as a string; pools and init-script files it fixes are
 * remapped inside it. With outputs among the values, the definition becomes an output itself. A policy of
 * a family sends the family and its overrides, never the definition (policies/clusters/get returns the
 * family's merged with the overrides; the provider refuses definition with policyFamilyId).
 */
export function clusterPolicyArgs(
  d: ClusterPolicyDescriptor,
  resolve: Resolver,
  env: PortEnv = NO_PORT,
): Mapping<databricks.ClusterPolicyArgs> {
  const args: databricks.ClusterPolicyArgs = { name: d.name };
  const notes: string[] = [];
  const docField = d.policyFamilyId !== undefined ? "policyFamilyDefinitionOverrides" : "definition";
  const text = d[docField];
  const ported: ClusterPolicyDescriptor = { ...d, libraries: cloneJson(d.libraries) };
  if (text !== undefined) ported[docField] = portPolicyDocument(text, docField, env, notes);
  const refs = clusterPolicyReferences(ported);
  if (ported.libraries?.length) {
    const root = { libraries: ported.libraries };
    const remap = remapReferences(
      root,
      refs.filter((r) => r.field.startsWith("libraries[")),
      resolve,
    );
    notes.push(...remap.notes);
    if (remap.skip) return skip(remap.skip, notes);
    portLibraries(root.libraries, "libraries", env, notes);
    args.libraries = toPulumiArgs(root.libraries) as databricks.ClusterPolicyArgs["libraries"];
  }
  if (text !== undefined) {
    const values: pulumi.Input<string | number>[] = [];
    const kept: typeof refs = [];
    for (const ref of refs.filter(
      (r) => r.field.startsWith(`${docField}[`) || r.field.startsWith(`${docField}.`),
    )) {
      const r = resolve(ref);
      if ("value" in r) {
        values.push(r.value);
        kept.push(ref);
        continue;
      }
      const what = `${ref.field} references ${ref.kind} ${JSON.stringify(ref.id)}: ${r.missing}`;
      if (HARD_REFERENCE_KINDS.has(ref.kind)) return skip(what, notes);
      notes.push(what);
    }
    const fill = (vals: unknown[]) => {
      const root: Record<string, string | undefined> = { [docField]: ported[docField] };
      kept.forEach((ref, i) => setAtPath(root, ref.field, vals[i]));
      return root[docField]!;
    };
    args[docField] = values.every((v) => typeof v === "string" || typeof v === "number")
      ? fill(values)
      : pulumi.all(values).apply(fill);
  }
  if (d.description !== undefined) args.description = d.description;
  if (d.maxClustersPerUser !== undefined) args.maxClustersPerUser = d.maxClustersPerUser;
  if (d.policyFamilyId !== undefined) args.policyFamilyId = d.policyFamilyId;
  // A credential the policy fixes (`spark_conf.fs.azure.account.key...: {value}`) makes the document secret.
  if (args[docField] !== undefined && credentialUnder("cluster-policy", d, docField))
    args[docField] = pulumi.secret(args[docField]);
  return { ok: true, args, notes };
}

/** Read-only warehouse fields, and the legacy size/auto_resume the provider does not take. */
const WAREHOUSE_NOT_SETTABLE = [...WAREHOUSE_READ_ONLY, "size", "auto_resume"];

export function sqlWarehouseArgs(
  d: SqlWarehouseDescriptor,
  policy: ComputePolicy,
): Mapping<databricks.SqlEndpointArgs> {
  const spec = cloneJson(d.spec);
  // Read-only (or legacy) fields warehouses/get returns.
  for (const k of WAREHOUSE_NOT_SETTABLE) delete spec[k];
  if (typeof spec.cluster_size !== "string") return skip("the warehouse has no cluster_size in the snapshot");
  // Warehouses start when created, like clusters: while passive they stop after the short idle time.
  if (!policy.activation && policy.clusterStartPolicy !== "keepOriginal") {
    const own = typeof spec.auto_stop_mins === "number" ? spec.auto_stop_mins : undefined;
    const short = policy.passiveAutoTerminationMinutes;
    spec.auto_stop_mins = own === undefined || own === 0 || own > short ? short : own;
  }
  const args = toPulumiArgs(spec) as databricks.SqlEndpointArgs & ApiObject;
  // `tags` holds a list block, not a user-keyed map: `{ custom_tags: [{ key, value }] }` -> `{ customTags }`.
  const tags = spec.tags as ApiObject | undefined;
  const own =
    tags && typeof tags === "object" ? (toPulumiArgs(tags) as databricks.SqlEndpointArgs["tags"]) : undefined;
  args.tags = withWarehouseSourceTag(own as databricks.types.input.SqlEndpointTags | undefined, d.id);
  args.name = d.name;
  args.noWait = true;
  markCredentialArgs("sql-warehouse", d, "spec", spec, args);
  return { ok: true, args, notes: [] };
}
