/**
 * Which batch a batched object goes to: a hash of its SOURCE id (the descriptor's id) into a number of
 * buckets fixed by config alone. Adding or removing an object never moves another; only a change of the
 * granularity config re-batches (and the batch resources hand members over without losing them).
 */
import { fnv1a } from "./tree-partition";

/**
 * Buckets for a batched kind: enough for about `batchSize` members each at twice the per-object
 * threshold (the size at which batching is in use), at least one. Depends on config only, never on n.
 */
export function bucketCount(perObjectMax: number, batchSize: number): number {
  return Math.max(1, Math.ceil((2 * Math.max(1, perObjectMax)) / batchSize));
}

/** The bucket of a source id: stable for as long as the config is. */
export function bucketOf(sourceId: string, buckets: number): number {
  return fnv1a(sourceId) % buckets;
}

/** Batch resource name part: `3-of-8`. */
export function bucketName(bucket: number, buckets: number): string {
  return `${bucket}-of-${buckets}`;
}
