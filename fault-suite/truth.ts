/**
 * The primary's configuration as the emulator holds it (its own state objects, deep-copied when the export
 * starts), normalized the way the README documents descriptors ("read-only fields ... are stripped, each
 * job keeps the pause state of every trigger, run_as moves to runAs, references keep the primary's ids"):
 * the fault suite's reference for "every exported object says what the primary says". Nothing here comes
 * from the exporter, the kinds registry or the stack; the read-only lists are the REST reference's
 * response-only fields, written out here.
 */
import type { Obj } from "../emulator/state/types";
import type { WorkspaceState } from "../emulator/state/workspace-state";

/** clusters/get fields that clusters/create does not take (ClusterDetails' output-only fields). */
const CLUSTER_OUTPUT_ONLY = new Set([
  "cluster_id",
  "spec",
  "state",
  "state_message",
  "cluster_source",
  "creator_user_name",
  "default_tags",
  "driver",
  "executors",
  "spark_context_id",
  "jdbc_port",
  "start_time",
  "terminated_time",
  "termination_reason",
  "cluster_cores",
  "cluster_memory_mb",
  "cluster_log_status",
  "pinned_by_user_name",
  "init_scripts_safe_mode",
  "effective_spark_version",
  "instance_source",
  "driver_instance_source",
  "driver_healthy",
]);
const POOL_OUTPUT_ONLY = new Set(["instance_pool_id", "state", "stats", "status", "default_tags"]);
const WAREHOUSE_OUTPUT_ONLY = new Set([
  "id",
  "state",
  "health",
  "jdbc_url",
  "odbc_params",
  "creator_id",
  "creator_name",
  "num_clusters",
  "num_active_sessions",
]);
/** Cluster sources the README says are exported (others are skipped with a reason). */
const EXPORTED_SOURCES = new Set(["UI", "API"]);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface RunAs {
  userName?: string;
  servicePrincipalName?: string;
}

export interface PrimaryConfig {
  jobs: Map<string, { settings: Obj; runAs?: RunAs }>;
  clusters: Map<string, { name: string; spec: Obj; pinned: boolean; libraries: Obj[] }>;
  pools: Map<string, { name: string; spec: Obj }>;
  policies: Map<string, Obj>;
  warehouses: Map<string, { name: string; spec: Obj }>;
  repos: Map<string, Obj>;
  /** Users by userName, groups by displayName, service principals by applicationId: their SCIM attributes. */
  principals: Map<string, Obj>;
  /** Global init scripts by name: enabled, position. */
  initScripts: Map<string, Obj>;
  /** Notebook object id -> language. */
  languages: Map<number, string>;
  /** `dbfs:/...` files (that exist) each exported object's configuration names, by `kind id`. */
  dbfsNamed: Map<string, string[]>;
}

const clone = <T>(v: T): T => structuredClone(v);
const without = (o: Obj, drop: Set<string>, prefix?: string): Obj =>
  Object.fromEntries(
    Object.entries(o).filter(
      ([k, v]) => v !== undefined && !drop.has(k) && !(prefix && k.startsWith(prefix)),
    ),
  );
const str = (v: unknown) => (typeof v === "string" && v !== "" ? v : undefined);

/** Every `dbfs:/` string anywhere in a value (JSON held as a string included: policy definitions). */
export function dbfsStrings(v: unknown, out = new Set<string>()): Set<string> {
  if (typeof v === "string") {
    if (v.startsWith("dbfs:/")) out.add(v);
    else if (v.startsWith("{"))
      try {
        dbfsStrings(JSON.parse(v), out);
      } catch {
        // not JSON: an ordinary string
      }
  } else if (Array.isArray(v)) v.forEach((x) => dbfsStrings(x, out));
  else if (v && typeof v === "object") Object.values(v).forEach((x) => dbfsStrings(x, out));
  return out;
}

export function captureConfig(state: WorkspaceState): PrimaryConfig {
  const files = new Set([...state.dbfs.values()].filter((e) => !e.is_dir).map((e) => `dbfs:${e.path}`));
  const dbfsNamed = new Map<string, string[]>();
  const names = (key: string, v: unknown) => {
    const found = [...dbfsStrings(v)].filter((f) => files.has(f));
    if (found.length) dbfsNamed.set(key, found);
  };

  const jobs: PrimaryConfig["jobs"] = new Map();
  for (const j of state.jobs.values()) {
    const { run_as: runAsRaw, ...settings } = clone((j.settings ?? {}) as Obj);
    const r = (runAsRaw ?? {}) as Obj;
    let runAs: RunAs | undefined;
    if (str(r.user_name) || str(r.service_principal_name))
      runAs = { userName: str(r.user_name), servicePrincipalName: str(r.service_principal_name) };
    else {
      const who = str(j.run_as_user_name);
      if (who && who !== str(j.creator_user_name))
        runAs = UUID.test(who) ? { servicePrincipalName: who } : { userName: who };
    }
    jobs.set(String(j.job_id), { settings, runAs });
    names(`job ${String(j.job_id)}`, settings);
  }

  const clusters: PrimaryConfig["clusters"] = new Map();
  for (const c of state.clusters.values()) {
    if (!EXPORTED_SOURCES.has(String(c.cluster_source ?? "UI"))) continue;
    const id = String(c.cluster_id);
    const own = c.spec && typeof c.spec === "object" && Object.keys(c.spec).length ? (c.spec as Obj) : c;
    const spec = clone(without(own, CLUSTER_OUTPUT_ONLY, "last_"));
    const name = String(c.cluster_name ?? spec.cluster_name);
    if (!spec.cluster_name) spec.cluster_name = name;
    const libraries = ((state.libraries.get(id)?.library_statuses as Obj[] | undefined) ?? [])
      .filter((s) => s.status !== "UNINSTALL_ON_RESTART" && s.library && typeof s.library === "object")
      .map((s) => clone(s.library as Obj));
    clusters.set(id, { name, spec, pinned: !!str(c.pinned_by_user_name) || c.pinned === true, libraries });
    names(`cluster ${id}`, [spec, libraries]);
  }

  const pools: PrimaryConfig["pools"] = new Map();
  for (const [id, p] of state.pools)
    pools.set(id, { name: String(p.instance_pool_name), spec: clone(without(p, POOL_OUTPUT_ONLY)) });
  const warehouses: PrimaryConfig["warehouses"] = new Map();
  for (const [id, w] of state.warehouses)
    warehouses.set(id, { name: String(w.name), spec: clone(without(w, WAREHOUSE_OUTPUT_ONLY)) });

  const policies: PrimaryConfig["policies"] = new Map();
  for (const [id, p] of state.policies) {
    const d: Obj = { name: p.name };
    const fields: [string, string][] = [
      ["definition", "definition"],
      ["description", "description"],
      ["max_clusters_per_user", "maxClustersPerUser"],
      ["policy_family_id", "policyFamilyId"],
      ["policy_family_definition_overrides", "policyFamilyDefinitionOverrides"],
    ];
    for (const [api, field] of fields) if (p[api] !== undefined && p[api] !== "") d[field] = p[api];
    policies.set(id, d);
    names(`cluster-policy ${id}`, p.definition);
  }

  const repos: PrimaryConfig["repos"] = new Map();
  for (const r of state.repos.values()) {
    const branch = str(r.branch);
    const patterns = (r.sparse_checkout as Obj | undefined)?.patterns;
    repos.set(String(r.path), {
      url: r.url,
      provider: r.provider,
      branch,
      // The repos API names the checked-out commit; a branch follows its head, so only a detached repo keeps it.
      headCommitId: branch ? undefined : str(r.head_commit_id),
      sparseCheckoutPatterns: Array.isArray(patterns) ? clone(patterns) : undefined,
    });
  }

  // SCIM: multi-valued attributes are sets (their order is the service's), values only.
  const values = (v: unknown) =>
    (Array.isArray(v) ? (v as Obj[]) : [])
      .map((e) => str(e.value))
      .filter((x): x is string => !!x)
      .sort();
  const principals: PrimaryConfig["principals"] = new Map();
  for (const u of state.users.values())
    principals.set(`user ${String(u.userName)}`, {
      displayName: str(u.displayName),
      active: u.active !== false,
      externalId: str(u.externalId),
      entitlements: values(u.entitlements),
      roles: values(u.roles),
    });
  for (const g of state.groups.values())
    principals.set(`group ${String(g.displayName)}`, {
      externalId: str(g.externalId),
      entitlements: values(g.entitlements),
      roles: values(g.roles),
    });
  for (const sp of state.servicePrincipals.values())
    principals.set(`service-principal ${String(sp.applicationId)}`, {
      displayName: str(sp.displayName),
      active: sp.active !== false,
      entitlements: values(sp.entitlements),
      roles: values(sp.roles),
    });
  const initScripts: PrimaryConfig["initScripts"] = new Map();
  for (const g of state.globalInitScripts.values())
    initScripts.set(String(g.name), { enabled: g.enabled === true, position: g.position ?? 0 });

  const languages = new Map<number, string>();
  for (const n of state.tree.walk("/"))
    if (n.object_type === "NOTEBOOK") languages.set(n.object_id, n.language ?? "PYTHON");

  return {
    jobs,
    clusters,
    pools,
    policies,
    warehouses,
    repos,
    principals,
    initScripts,
    languages,
    dbfsNamed,
  };
}

/** JSON-equal, key order aside; `undefined` members are absent. */
function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (v && typeof v === "object")
    return Object.fromEntries(
      Object.keys(v)
        .filter((k) => (v as Obj)[k] !== undefined)
        .sort()
        .map((k) => [k, canonical((v as Obj)[k])]),
    );
  return v;
}

/** Paths where `got` differs from `want` (at most `max`), `settings.schedule` style. */
export function differences(want: unknown, got: unknown, at = "", max = 3): string[] {
  const out: string[] = [];
  const walk = (w: unknown, g: unknown, p: string) => {
    if (out.length >= max) return;
    if (JSON.stringify(canonical(w)) === JSON.stringify(canonical(g))) return;
    const bothObjects = w && g && typeof w === "object" && typeof g === "object";
    if (bothObjects && Array.isArray(w) === Array.isArray(g)) {
      if (Array.isArray(w) && Array.isArray(g) && w.length !== g.length) {
        out.push(`${p || "(root)"}: ${g.length} entries, the primary has ${w.length}`);
        return;
      }
      const keys = new Set([...Object.keys(w as Obj), ...Object.keys(g as Obj)]);
      for (const k of [...keys].sort()) {
        const sub = Array.isArray(w) ? `${p}[${k}]` : p ? `${p}.${k}` : k;
        const [wk, gk] = [(w as Obj)[k], (g as Obj)[k]];
        if (wk === undefined && gk !== undefined) out.push(`${sub}: not in the primary`);
        else if (wk !== undefined && gk === undefined) out.push(`${sub}: missing`);
        else walk(wk, gk, sub);
        if (out.length >= max) return;
      }
      return;
    }
    out.push(`${p || "(root)"}: ${JSON.stringify(g)}, the primary has ${JSON.stringify(w)}`.slice(0, 300));
  };
  walk(want, got, at);
  return out;
}
