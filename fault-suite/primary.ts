import { createHash } from "node:crypto";
import { MAX_EXPORT_BYTES } from "../emulator/errors";
import { toSource } from "../emulator/formats/notebook";
import { parentOf, WsNode } from "../emulator/state/tree";
import { Obj } from "../emulator/state/types";
import { AclEntry, WorkspaceState } from "../emulator/state/workspace-state";
import { PrincipalRef } from "../kinds/common";
import { captureConfig, PrimaryConfig } from "./truth";
import { captureUc, UcTruth } from "./truth-uc";
import { captureDashboards, DashboardTruth, legacyDashboardAcls } from "./truth-dashboards";
import { captureMlflow, MlflowTruth } from "./truth-mlflow";
import { captureServing, ServingTruth } from "./truth-serving";
import { ipListState } from "../emulator/routes/ip-access-lists";

/** Bytes as the snapshot must hold them: their sha256 and size (contents are not kept, only proven). */
export interface Fingerprint {
  sha256: string;
  size: number;
}

export interface PrimaryNode {
  path: string;
  type: "DIRECTORY" | "NOTEBOOK" | "FILE" | "LIBRARY";
  objectId: number;
  /** Notebooks: their SOURCE export; files: their bytes. Absent for folders, libraries and oversize objects. */
  content?: Fingerprint;
  /** Over the 10 MB export limit: the export can only skip it. */
  oversize?: boolean;
}

export interface PrimaryAcl {
  /** The emulator's permissions key: `notebooks/<object id>`, `jobs/14`, `authorization/tokens`. */
  key: string;
  entries: { principal: PrincipalRef; level: string }[];
}

/**
 * What the primary held when the export started, deep-copied from the emulator's live state: the suite's
 * reference for "every object is in the snapshot or skipped with a reason". Only what the invariant
 * checks is kept.
 */
export interface Primary {
  users: string[];
  servicePrincipals: string[];
  /**
   * By SCIM id (a group's source id), members by source id, with the SCIM id the exporter names in a member
   * skip (`<group id>#member:<id>`).
   */
  groups: {
    id: string;
    name: string;
    members: (PrincipalRef & { scimId: string })[];
    unresolved: string[];
  }[];
  /** Workspace objects outside repos (repos are exported as repos, their contents are not walked). */
  nodes: PrimaryNode[];
  repos: { path: string; objectId: number }[];
  clusters: { id: string; source: string; libraries: number }[];
  policies: string[];
  pools: string[];
  jobs: { id: string; taskKeys: string[]; jobClusterKeys: string[] }[];
  globalInitScripts: { name: string; content: Fingerprint }[];
  scopes: {
    name: string;
    backend: string;
    keys: string[];
    acls: { principal: string; permission: string }[];
  }[];
  warehouses: string[];
  /** Current-API SQL queries and alerts (not in the trash), by id. */
  sqlQueries: string[];
  sqlAlerts: string[];
  /** Every live legacy and AI/BI dashboard (fault-suite/truth-dashboards.ts). */
  dashboards: DashboardTruth[];
  /** DLT pipelines by id, with what their spec holds (emulator/routes/pipelines.ts keeps it as `spec`). */
  pipelines: { id: string; name: string; libraries: number; clusters: number }[];
  /** IP access lists by list_id, as the emulator serves them. */
  ipAccessLists: { id: string; label: string; listType: string; addresses: string[]; enabled: boolean }[];
  workspaceConf: Record<string, string>;
  acls: Map<string, PrimaryAcl>;
  dbfs: Map<string, Fingerprint>;
  /** Every object's configuration, normalized as the README documents descriptors (fault-suite/truth.ts). */
  config: PrimaryConfig;
  /** Every Unity Catalog securable of the metastore (fault-suite/truth-uc.ts). */
  uc: UcTruth[];
  /** Every active MLflow experiment and registered model (fault-suite/truth-mlflow.ts). */
  mlflow: MlflowTruth[];
  /** Every model serving endpoint (fault-suite/truth-serving.ts). */
  serving: ServingTruth[];
}

const fingerprints = new WeakMap<Buffer, Fingerprint>();
export function fingerprint(b: Buffer): Fingerprint {
  let f = fingerprints.get(b);
  if (!f) fingerprints.set(b, (f = { sha256: createHash("sha256").update(b).digest("hex"), size: b.length }));
  return f;
}

function inRepo(state: WorkspaceState, path: string): boolean {
  for (let p = path; p !== "/"; p = parentOf(p)) if (state.tree.get(p)?.object_type === "REPO") return true;
  return false;
}

/** The bytes a SOURCE export answers for a notebook, as the emulator's export handler makes them. */
export function sourceExport(state: WorkspaceState, n: WsNode): Buffer {
  return Buffer.from(toSource(n.language ?? "PYTHON", state.contentOf(n).toString("utf8")));
}

function principalOf(e: AclEntry, groupIds: Map<string, string>): PrincipalRef | undefined {
  if (e.user_name !== undefined) return { kind: "user", id: e.user_name };
  // The permissions API names a group; a descriptor by its SCIM id. A group SCIM lacks: not exportable.
  if (e.group_name !== undefined) {
    const id = groupIds.get(e.group_name);
    return id === undefined ? undefined : { kind: "group", id };
  }
  if (e.service_principal_name !== undefined)
    return { kind: "service-principal", id: e.service_principal_name };
  return undefined;
}

/** Own grants as the permissions API answers them when none were set (emulator's defaults). */
const DEFAULT_ACLS: Record<string, AclEntry[]> = {
  "authorization/tokens": [{ group_name: "admins", permission_level: "CAN_MANAGE" }],
  "authorization/passwords": [{ group_name: "admins", permission_level: "CAN_USE" }],
};

export function capturePrimary(state: WorkspaceState): Primary {
  const byScimId = new Map<string, PrincipalRef>();
  for (const u of state.users.values()) byScimId.set(String(u.id), { kind: "user", id: u.userName });
  const groupIds = new Map<string, string>();
  for (const g of state.groups.values()) {
    byScimId.set(String(g.id), { kind: "group", id: String(g.id) });
    groupIds.set(String(g.displayName), String(g.id));
  }
  for (const s of state.servicePrincipals.values())
    byScimId.set(String(s.id), { kind: "service-principal", id: s.applicationId });

  const nodes: PrimaryNode[] = [];
  const repos: Primary["repos"] = [];
  for (const n of state.tree.walk("/")) {
    if (n.object_type === "REPO") {
      repos.push({ path: n.path, objectId: n.object_id });
      continue;
    }
    if (inRepo(state, n.path)) continue;
    const node: PrimaryNode = { path: n.path, type: n.object_type, objectId: n.object_id };
    if (n.object_type === "NOTEBOOK" || n.object_type === "FILE") {
      if (state.sizeOf(n) > MAX_EXPORT_BYTES) node.oversize = true;
      else
        node.content = fingerprint(
          n.object_type === "NOTEBOOK" ? sourceExport(state, n) : state.contentOf(n),
        );
    }
    nodes.push(node);
  }

  const acls = new Map<string, PrimaryAcl>();
  const addAcl = (key: string, own: AclEntry[] | undefined) => {
    const entries = (own ?? DEFAULT_ACLS[key] ?? []).flatMap((e) => {
      const principal = principalOf(e, groupIds);
      return principal ? [{ principal, level: e.permission_level }] : [];
    });
    if (entries.length) acls.set(key, { key, entries });
  };
  for (const [key, own] of state.acls) addAcl(key, own);
  for (const key of Object.keys(DEFAULT_ACLS)) if (!acls.has(key)) addAcl(key, state.acls.get(key));
  for (const [key, own] of legacyDashboardAcls(state)) addAcl(key, own);

  const libraries = (id: string) =>
    ((state.libraries.get(id)?.library_statuses as Obj[] | undefined) ?? []).filter(
      (s) => s.status !== "UNINSTALL_ON_RESTART" && s.library && typeof s.library === "object",
    ).length;
  const keysOf = (xs: unknown) => (Array.isArray(xs) ? (xs as Obj[]) : []);
  const liveSql = (collection: string) =>
    [...(state.sqlObjects.get(collection)?.values() ?? [])]
      .filter((o) => o.lifecycle_state !== "TRASHED")
      .map((o) => String(o.id));

  return {
    users: [...state.users.values()].map((u) => String(u.userName)),
    servicePrincipals: [...state.servicePrincipals.values()].map((s) => String(s.applicationId)),
    groups: [...state.groups.values()].map((g) => {
      const members: (PrincipalRef & { scimId: string })[] = [];
      const unresolved: string[] = [];
      for (const m of keysOf(g.members)) {
        const ref = byScimId.get(String(m.value));
        if (ref) members.push({ ...ref, scimId: String(m.value) });
        else unresolved.push(String(m.value));
      }
      return { id: String(g.id), name: String(g.displayName), members, unresolved };
    }),
    nodes,
    repos,
    clusters: [...state.clusters.values()].map((c) => ({
      id: String(c.cluster_id),
      source: String(c.cluster_source ?? "UI"),
      libraries: libraries(String(c.cluster_id)),
    })),
    policies: [...state.policies.keys()],
    pools: [...state.pools.keys()],
    jobs: [...state.jobs.values()].map((j) => ({
      id: String(j.job_id),
      taskKeys: keysOf(j.settings?.tasks).map((t) => String(t.task_key)),
      jobClusterKeys: keysOf(j.settings?.job_clusters).map((t) => String(t.job_cluster_key)),
    })),
    globalInitScripts: [...state.globalInitScripts.values()].map((s) => ({
      name: String(s.name),
      content: fingerprint(Buffer.from(String(s.script ?? ""), "base64")),
    })),
    scopes: [...state.secretScopes.values()].map((s) => ({
      name: String(s.meta.name),
      backend: String(s.meta.backend_type ?? "DATABRICKS"),
      keys: [...s.keys.keys()],
      acls: [...s.acls].map(([principal, permission]) => ({ principal, permission })),
    })),
    warehouses: [...state.warehouses.keys()],
    sqlQueries: liveSql("sql/queries"),
    sqlAlerts: liveSql("sql/alerts"),
    dashboards: captureDashboards(state),
    pipelines: [...state.pipelines.values()].map((p) => {
      const spec = (p.spec ?? {}) as Obj;
      const n = (v: unknown) => (Array.isArray(v) ? v.length : 0);
      return {
        id: String(p.pipeline_id),
        name: String(spec.name ?? p.name),
        libraries: n(spec.libraries),
        clusters: n(spec.clusters),
      };
    }),
    ipAccessLists: [...ipListState(state).lists.values()].map((l) => ({
      id: String(l.list_id),
      label: String(l.label),
      listType: String(l.list_type),
      addresses: [...(l.ip_addresses as string[])],
      enabled: l.enabled === true,
    })),
    workspaceConf: Object.fromEntries(
      Object.entries(state.workspaceConf).flatMap(([k, v]) =>
        v === null || v === undefined ? [] : [[k, String(v)]],
      ),
    ),
    acls,
    dbfs: new Map(
      [...state.dbfs.values()]
        .filter((e) => !e.is_dir)
        .map((e) => [e.path, fingerprint(e.data ?? Buffer.alloc(0))]),
    ),
    config: captureConfig(state),
    uc: captureUc(state),
    mlflow: captureMlflow(state),
    serving: captureServing(state),
  };
}
