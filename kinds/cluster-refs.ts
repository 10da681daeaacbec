import { ApiObject, Ref } from "./common";

/** What a cluster spec (all-purpose, job cluster, task cluster, pool) names elsewhere in the workspace. */
export function clusterSpecReferences(spec: ApiObject | undefined, prefix: string): Ref[] {
  if (!spec) return [];
  const refs: Ref[] = [];
  const str = (k: string) =>
    typeof spec[k] === "string" && spec[k] !== "" ? (spec[k] as string) : undefined;
  const policy = str("policy_id");
  if (policy) refs.push({ kind: "cluster-policy", id: policy, field: `${prefix}.policy_id` });
  for (const k of ["instance_pool_id", "driver_instance_pool_id"]) {
    const pool = str(k);
    if (pool) refs.push({ kind: "instance-pool", id: pool, field: `${prefix}.${k}` });
  }
  const single = str("single_user_name");
  if (single)
    refs.push({
      kind: single.includes("@") ? "user" : "service-principal",
      id: single,
      field: `${prefix}.single_user_name`,
    });
  const scripts = Array.isArray(spec.init_scripts) ? (spec.init_scripts as ApiObject[]) : [];
  scripts.forEach((s, i) => refs.push(...initScriptReferences(s, `${prefix}.init_scripts[${i}]`)));
  return refs;
}

export function initScriptReferences(script: ApiObject, field: string): Ref[] {
  const dest = (o: unknown) => (o && typeof o === "object" ? (o as ApiObject).destination : undefined);
  const dbfs = dest(script.dbfs);
  if (typeof dbfs === "string")
    return [{ kind: "dbfs-file", id: toDbfsId(dbfs), field: `${field}.dbfs.destination` }];
  const ws = dest(script.workspace);
  if (typeof ws === "string")
    return [
      { kind: "workspace-file", id: stripWorkspacePrefix(ws), field: `${field}.workspace.destination` },
    ];
  return [];
}

/** Library entries (cluster or task): jar/whl/egg/requirements living in DBFS or the workspace. */
export function libraryReferences(libs: unknown, prefix: string): Ref[] {
  if (!Array.isArray(libs)) return [];
  const refs: Ref[] = [];
  libs.forEach((lib: ApiObject, i) => {
    for (const k of ["jar", "whl", "egg", "requirements"]) {
      const v = lib?.[k];
      if (typeof v !== "string") continue;
      const ref = fileReference(v, `${prefix}[${i}].${k}`);
      if (ref) refs.push(ref);
    }
  });
  return refs;
}

/** A `dbfs:/` URI or a workspace path becomes a reference; cloud URIs and volumes are outside the workspace. */
export function fileReference(uri: string, field: string): Ref | undefined {
  if (uri.startsWith("dbfs:/Volumes/") || uri.startsWith("/Volumes/")) return undefined;
  if (uri.startsWith("dbfs:/")) return { kind: "dbfs-file", id: toDbfsId(uri), field };
  if (
    uri.startsWith("/Workspace/") ||
    uri.startsWith("/Users/") ||
    uri.startsWith("/Shared/") ||
    uri.startsWith("/Repos/")
  )
    return { kind: "workspace-file", id: stripWorkspacePrefix(uri), field };
  return undefined;
}

export function toDbfsId(uri: string): string {
  return uri.startsWith("dbfs:") ? uri : `dbfs:${uri.startsWith("/") ? "" : "/"}${uri}`;
}

/** `/Workspace/Users/x` and `/Users/x` name the same object; descriptors use the short form. */
export function stripWorkspacePrefix(p: string): string {
  return p.startsWith("/Workspace/") ? p.slice("/Workspace".length) : p;
}
