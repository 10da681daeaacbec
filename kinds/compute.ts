import { z } from "zod";
import { apiShape, contentRef, Ref } from "./common";
import {
  clusterSpecSchema,
  jsonString,
  librarySchema,
  policyDefinition,
  poolSpecSchema,
  warehouseSpecSchema,
} from "./compute-specs";
import { clusterSpecReferences, fileReference, libraryReferences } from "./cluster-refs";
import { fieldSegment } from "./field-path";

export const clusterPolicySchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  /** The policy definition, a JSON document as a string (as the API holds it). */
  definition: policyDefinition.optional(),
  description: z.string().optional(),
  maxClustersPerUser: z.number().int().optional(),
  policyFamilyId: z.string().optional(),
  policyFamilyDefinitionOverrides: jsonString.optional(),
  /** Libraries every cluster under the policy gets (Cluster Policies API `libraries`). */
  libraries: z.array(apiShape(librarySchema)).optional(),
});
export type ClusterPolicyDescriptor = z.infer<typeof clusterPolicySchema>;

export const instancePoolSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  /** Settings create/edit accept, read-only fields (state, stats, status, default_tags) stripped. */
  spec: apiShape(poolSpecSchema),
});
export type InstancePoolDescriptor = z.infer<typeof instancePoolSchema>;

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

/**
 * A policy definition is a JSON document (as a string) whose keys are attribute paths with dots, such as
 * `instance_pool_id` or `init_scripts.0.dbfs.destination`; fixed and default values can name pools and files.
 */
export function clusterPolicyReferences(p: ClusterPolicyDescriptor): Ref[] {
  return [
    ...policyDocumentReferences(p.definition, "definition"),
    ...policyDocumentReferences(p.policyFamilyDefinitionOverrides, "policyFamilyDefinitionOverrides"),
    ...libraryReferences(p.libraries, "libraries"),
  ];
}

/** References in one policy document (the definition, or a family policy's overrides). */
function policyDocumentReferences(text: string | undefined, prefix: string): Ref[] {
  if (!text) return [];
  let doc: Record<string, Record<string, unknown>>;
  try {
    doc = JSON.parse(text);
  } catch {
    return [];
  }
  const refs: Ref[] = [];
  for (const [key, rule] of Object.entries(doc ?? {})) {
    if (!rule || typeof rule !== "object") continue;
    for (const attr of ["value", "defaultValue"]) {
      const v = rule[attr];
      if (typeof v !== "string" || v === "") continue;
      const field = `${prefix}${fieldSegment(key)}.${attr}`;
      if (key === "instance_pool_id" || key === "driver_instance_pool_id")
        refs.push({ kind: "instance-pool", id: v, field });
      else if (/^init_scripts\.\d+\.(dbfs|workspace)\.destination$/.test(key)) {
        const r = fileReference(
          key.includes(".workspace.") && !v.startsWith("/Workspace") ? `/Workspace${v}` : v,
          field,
        );
        if (r) refs.push(r);
      }
    }
  }
  return refs;
}

export function instancePoolReferences(_p: InstancePoolDescriptor): Ref[] {
  return [];
}

export const globalInitScriptSchema = z.object({
  /** The name: script ids differ per workspace. */
  id: z.string().min(1),
  name: z.string().min(1),
  enabled: z.boolean(),
  position: z.number().int().nonnegative(),
  content: contentRef,
});
export type GlobalInitScriptDescriptor = z.infer<typeof globalInitScriptSchema>;

export const sqlWarehouseSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  /** Settings create/edit accept; state, health, jdbc_url, odbc_params, creator, num_clusters stripped. */
  spec: apiShape(warehouseSpecSchema),
});
export type SqlWarehouseDescriptor = z.infer<typeof sqlWarehouseSchema>;

export const workspaceConfSchema = z.object({
  id: z.literal("workspace-conf"),
  /** Only keys asked for by name: the API cannot list them (exporters/kinds/workspace-conf.ts). */
  values: z.record(z.string(), z.string()),
  /** Keys asked for that hold no value (the workspace default applies): nothing to set. */
  unset: z.array(z.string()).optional(),
  /** Keys the workspace refused, with the API's reason: recorded, never dropped silently. */
  refused: z.record(z.string(), z.string()).optional(),
});
export type WorkspaceConfDescriptor = z.infer<typeof workspaceConfSchema>;
