import type * as databricks from "@pulumi/databricks";
import * as pulumi from "@pulumi/pulumi";
import { setAtPath } from "../field-path";
import { ClusterPolicyDescriptor, clusterPolicyReferences } from "./schema";
import { cloneJson, toPulumiArgs } from "../../components/mapping/api-args";
import { NO_PORT, PortEnv, portLibraries, portPolicyDocument } from "../../components/mapping/portability";
import {
  HARD_REFERENCE_KINDS,
  Mapping,
  remapReferences,
  Resolver,
  skip,
} from "../../components/mapping/refs";
import { credentialUnder } from "../../components/mapping/secret-args";

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
