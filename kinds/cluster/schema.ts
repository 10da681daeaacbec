import { z } from "zod";
import { apiShape, Ref } from "../common";
import { clusterSpecSchema, librarySchema } from "../compute-specs";
import { clusterSpecReferences, libraryReferences } from "../cluster-refs";

/** Cluster sources the exporter recreates; the others belong to jobs, pipelines, SQL, model serving. */
export const REPLICATED_CLUSTER_SOURCES = ["UI", "API"] as const;

export const clusterSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  /** UI or API: who created it in the primary. */
  source: z.enum(REPLICATED_CLUSTER_SOURCES),
  pinned: z.boolean(),
  /** Settings create/edit accept, read-only fields stripped. */
  spec: apiShape(clusterSpecSchema),
  /** Cluster libraries (all-cluster-statuses), in the primary's order. */
  libraries: z.array(apiShape(librarySchema)),
});
export type ClusterDescriptor = z.infer<typeof clusterSchema>;

export function clusterReferences(c: ClusterDescriptor): Ref[] {
  return [...clusterSpecReferences(c.spec, "spec"), ...libraryReferences(c.libraries, "libraries")];
}
