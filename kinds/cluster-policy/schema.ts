import { z } from "zod";
import { apiShape, Ref } from "../common";
import { jsonString, librarySchema, policyDefinition } from "../compute-specs";
import { fileReference, libraryReferences } from "../cluster-refs";
import { fieldSegment } from "../field-path";

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
