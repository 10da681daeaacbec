import type * as databricks from "@pulumi/databricks";
import { ApiObject } from "../common";
import { InstancePoolDescriptor } from "./schema";
import type { ComputePolicy } from "../../components/mapping/compute-policy";
import { cloneJson, toPulumiArgs } from "../../components/mapping/api-args";
import { NO_PORT, portComputeSpec, PortEnv } from "../../components/mapping/portability";
import { Mapping, skip } from "../../components/mapping/refs";
import { markCredentialArgs } from "../../components/mapping/secret-args";
import { POOL_SOURCE_TAG, withSourceTag } from "../../components/mapping/source-marker";

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
