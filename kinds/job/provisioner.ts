import * as pulumi from "@pulumi/pulumi";
import { ApiObject, Ref } from "../common";
import { JobDescriptor } from "./schema";
import { jobPlaceholder, SOURCE_TAG } from "../../components/dynamic/job-batch-impl";
import { JobBatch } from "../../components/dynamic/resources";
import { allJobReferences, jobSettings, normalizeLegacyJob } from "./mapping";
import { carriesCredential } from "../../components/mapping/secret-args";
import { Resolution } from "../../components/mapping/refs";
import { portEnvOf } from "../../components/mapping/portability";
import { bucketCount, bucketName, bucketOf } from "../../components/mapping/batching";
import { ReplicaContext, resourceName, skipObject } from "../../components/workspace/context";
import type { Provisioner } from "../../components/workspace/provisioner";

/**
 * Jobs in an order where a job comes after the jobs its run_job tasks trigger; jobs on a cycle cannot be
 * created (each needs the other's id first) and are returned apart.
 */
export function jobOrder(jobs: JobDescriptor[]): { ordered: JobDescriptor[]; cyclic: JobDescriptor[] } {
  const byId = new Map(jobs.map((j) => [j.id, j]));
  const deps = new Map(jobs.map((j) => [j.id, jobDeps(j, byId)]));
  const ordered: JobDescriptor[] = [];
  const done = new Set<string>();
  let progress = true;
  while (progress) {
    progress = false;
    for (const j of jobs) {
      if (done.has(j.id)) continue;
      if ([...deps.get(j.id)!].every((d) => done.has(d))) {
        ordered.push(j);
        done.add(j.id);
        progress = true;
      }
    }
  }
  return { ordered, cyclic: jobs.filter((j) => !done.has(j.id)) };
}

function jobDeps(j: JobDescriptor, known: Map<string, unknown>): Set<string> {
  return new Set(
    allJobReferences(j)
      .filter((r) => r.kind === "job" && known.has(r.id) && r.id !== j.id)
      .map((r) => r.id),
  );
}

const principalRefs = (j: JobDescriptor) =>
  allJobReferences(j).filter((r) => r.kind === "user" || r.kind === "service-principal");

export function provisionJobs(items: JobDescriptor[], ctx: ReplicaContext, parent: pulumi.Resource) {
  ctx.report.seen("job", items.length);
  const { ordered, cyclic } = jobOrder(items);
  for (const j of cyclic)
    skipObject(
      ctx,
      "job",
      j.id,
      "its run_job tasks form a cycle with other jobs: break the cycle in the primary",
    );
  const { jobsPerObjectMax, jobBatchSize } = ctx.settings.granularity;
  const buckets = bucketCount(jobsPerObjectMax, jobBatchSize);
  // Above the threshold, a component's batch is a hash of its key into a count fixed by config; at or
  // below it, each component is a batch of its own (usually one job), named by its key.
  const batchOfComponent =
    ordered.length > jobsPerObjectMax
      ? (key: string) => {
          const name = bucketName(bucketOf(key, buckets), buckets);
          return { resource: resourceName("jobs", name), batch: name };
        }
      : (key: string) => ({ resource: resourceName("job", key), batch: `job:${key}` });
  provisionJobBatches(ordered, ctx, parent, batchOfComponent);
}

/**
 * Every job is a member of a JobBatch (components/dynamic/job-batch-impl.ts), keyed by source id, so every
 * job resource of the stack adopts the job tagged with its source id: a rename, a re-batching or a crossing
 * of the per-object threshold in either direction keeps the secondary's job (and its id and run history).
 * The provider's databricks.Job cannot: it only creates. Jobs linked by run_job tasks land in the same
 * batch (connected components, keyed by their smallest source id), so a batch never waits for another.
 */
function provisionJobBatches(
  ordered: JobDescriptor[],
  ctx: ReplicaContext,
  parent: pulumi.Resource,
  batchOfComponent: (key: string) => { resource: string; batch: string },
) {
  const byId = new Map(ordered.map((j) => [j.id, j]));
  const root = new Map(ordered.map((j) => [j.id, j.id]));
  const find = (x: string): string => (root.get(x) === x ? x : find(root.get(x)!));
  for (const j of ordered) for (const d of jobDeps(j, byId)) root.set(find(j.id), find(d));
  const componentKey = new Map<string, string>();
  for (const j of ordered) {
    const r = find(j.id);
    if (!componentKey.has(r) || j.id < componentKey.get(r)!) componentKey.set(r, j.id);
  }
  const batches = new Map<
    string,
    {
      batch: string;
      jobs: Record<string, pulumi.Input<ApiObject>>;
      order: string[];
      members: JobDescriptor[];
      deps: Set<pulumi.Resource>;
      secret: boolean;
    }
  >();
  const skipped = new Set<string>();
  for (const j of ordered) {
    // References to jobs of the batch become placeholders the provider fills in; others resolve as usual.
    const resolve = (ref: Ref): Resolution => {
      if (ref.kind !== "job" || !byId.has(ref.id)) return ctx.registry.resolve(ref);
      if (skipped.has(ref.id)) return { missing: ctx.registry.whyMissing("job", ref.id) };
      return { value: jobPlaceholder(ref.id) };
    };
    const m = jobSettings(j, { activation: ctx.settings.activation, resolve, port: portEnvOf(ctx.settings) });
    ctx.report.notes("job", j.id, m.notes);
    if (!m.ok) {
      skipped.add(j.id);
      skipObject(ctx, "job", j.id, m.skip);
      continue;
    }
    const where = batchOfComponent(componentKey.get(find(j.id))!);
    let batch = batches.get(where.resource);
    if (!batch)
      batches.set(
        where.resource,
        (batch = { batch: where.batch, jobs: {}, order: [], members: [], deps: new Set(), secret: false }),
      );
    batch.jobs[j.id] = { ...m.args, tags: { ...(m.args.tags as object), [SOURCE_TAG]: j.id } };
    // A job holding a plaintext credential makes its batch's jobs a secret input (encrypted in state).
    if (carriesCredential("job", { ...j, settings: normalizeLegacyJob(j.settings) }, "settings"))
      batch.secret = true;
    batch.order.push(j.id);
    batch.members.push(j);
    // run_as and single_user_name name principals by name: depend on them explicitly.
    for (const r of ctx.registry.resourcesOf(principalRefs(j))) batch.deps.add(r);
  }
  for (const [name, batch] of [...batches].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))) {
    const r = new JobBatch(
      name,
      {
        host: ctx.host,
        batch: batch.batch,
        snapshotRoot: ctx.snapshotRoot,
        jobs: batch.secret ? pulumi.secret(batch.jobs) : batch.jobs,
        order: batch.order,
        prune: ctx.settings.prune,
      },
      { parent, dependsOn: [...batch.deps] },
    );
    for (const j of batch.members) {
      ctx.registry.set("job", j.id, { resource: r, value: r.ids.apply((ids) => ids?.[j.id]), label: j.name });
      ctx.report.replicated("job");
    }
  }
}

/** In the jobs group after the pipelines (order 0): a job names what its tasks run. */
export const JOB_PROVISIONER: Provisioner<"job"> = { group: "jobs", order: 1, provision: provisionJobs };
