import * as pulumi from "@pulumi/pulumi";
import * as databricks from "@pulumi/databricks";
import { ApiObject, Ref } from "../../kinds/common";
import { JobDescriptor } from "../../kinds/jobs";
import { jobPlaceholder, SOURCE_TAG } from "../dynamic/job-batch-impl";
import { JobBatch } from "../dynamic/resources";
import { allJobReferences, jobArgs, jobSettings, normalizeLegacyJob } from "../mapping/job";
import { carriesCredential } from "../mapping/secret-args";
import { Resolution } from "../mapping/refs";
import { bucketCount, bucketName, bucketOf } from "../mapping/batching";
import { holdObject, objectOptions, ReplicaContext, resourceName, skipObject } from "./context";

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
  if (ordered.length > ctx.settings.granularity.jobsPerObjectMax) provisionJobBatches(ordered, ctx, parent);
  else for (const j of ordered) provisionJob(j, ctx, parent);
}

function provisionJob(j: JobDescriptor, ctx: ReplicaContext, parent: pulumi.Resource) {
  const m = jobArgs(j, { activation: ctx.settings.activation, resolve: ctx.registry.resolve });
  ctx.report.notes("job", j.id, m.notes);
  if (!m.ok) {
    skipObject(ctx, "job", j.id, m.skip);
    return;
  }
  const args: databricks.JobArgs = { ...m.args, tags: { ...(m.args.tags as object), [SOURCE_TAG]: j.id } };
  // run_as and single_user_name name principals by name: depend on them explicitly.
  const dependsOn = ctx.registry.resourcesOf(principalRefs(j));
  // Never deleted by the provider: a job that leaves this resource may be a batch's now (found by its
  // source tag); the kind's prune ledger deletes it once it left the snapshot.
  const r = new databricks.Job(
    resourceName("job", j.id),
    args,
    objectOptions(ctx, parent, { dependsOn, retainOnDelete: true }),
  );
  ctx.registry.set("job", j.id, { resource: r, value: r.id, label: j.name });
  holdObject(ctx, "job", j.id, r, r.id);
  ctx.report.replicated("job");
}

/**
 * Above the threshold: jobs in batches (components/dynamic/job-batch-impl.ts), keyed by source id. Jobs
 * linked by run_job tasks land in the same batch (connected components), so a batch never waits for
 * another; a component's bucket is a hash of its smallest source id into a count fixed by config, so
 * adding a job moves no other.
 */
function provisionJobBatches(ordered: JobDescriptor[], ctx: ReplicaContext, parent: pulumi.Resource) {
  const { jobsPerObjectMax, jobBatchSize } = ctx.settings.granularity;
  const byId = new Map(ordered.map((j) => [j.id, j]));
  const root = new Map(ordered.map((j) => [j.id, j.id]));
  const find = (x: string): string => (root.get(x) === x ? x : find(root.get(x)!));
  for (const j of ordered) for (const d of jobDeps(j, byId)) root.set(find(j.id), find(d));
  const componentKey = new Map<string, string>();
  for (const j of ordered) {
    const r = find(j.id);
    if (!componentKey.has(r) || j.id < componentKey.get(r)!) componentKey.set(r, j.id);
  }
  const buckets = bucketCount(jobsPerObjectMax, jobBatchSize);
  const batches = new Map<
    number,
    {
      jobs: Record<string, pulumi.Input<ApiObject>>;
      order: string[];
      members: JobDescriptor[];
      deps: Set<pulumi.Resource>;
    }
  >();
  const skipped = new Set<string>();
  const secretBatches = new Set<number>();
  for (const j of ordered) {
    // References to jobs of the batch become placeholders the provider fills in; others resolve as usual.
    const resolve = (ref: Ref): Resolution => {
      if (ref.kind !== "job" || !byId.has(ref.id)) return ctx.registry.resolve(ref);
      if (skipped.has(ref.id)) return { missing: ctx.registry.whyMissing("job", ref.id) };
      return { value: jobPlaceholder(ref.id) };
    };
    const m = jobSettings(j, { activation: ctx.settings.activation, resolve });
    ctx.report.notes("job", j.id, m.notes);
    if (!m.ok) {
      skipped.add(j.id);
      skipObject(ctx, "job", j.id, m.skip);
      continue;
    }
    const b = bucketOf(componentKey.get(find(j.id))!, buckets);
    const batch = batches.get(b) ?? { jobs: {}, order: [], members: [], deps: new Set<pulumi.Resource>() };
    batches.set(b, batch);
    batch.jobs[j.id] = { ...m.args, tags: { ...(m.args.tags as object), [SOURCE_TAG]: j.id } };
    // A job holding a plaintext credential makes its batch's jobs a secret input (encrypted in state).
    if (carriesCredential("job", { ...j, settings: normalizeLegacyJob(j.settings) }, "settings"))
      secretBatches.add(b);
    batch.order.push(j.id);
    batch.members.push(j);
    for (const r of ctx.registry.resourcesOf(principalRefs(j))) batch.deps.add(r);
  }
  for (const [b, batch] of [...batches].sort(([x], [y]) => x - y)) {
    const name = bucketName(b, buckets);
    const r = new JobBatch(
      resourceName("jobs", name),
      {
        host: ctx.host,
        batch: name,
        snapshotRoot: ctx.snapshotRoot,
        jobs: secretBatches.has(b) ? pulumi.secret(batch.jobs) : batch.jobs,
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
