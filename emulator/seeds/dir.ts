import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { fromJupyter, languageOfSource, toSource } from "../formats/notebook";
import { sqlCollection } from "../routes/sql-objects";
import { mkdirs } from "../routes/workspace";
import { keyVault } from "../state/key-vaults";
import { Obj } from "../state/types";
import { WorkspaceState } from "../state/workspace-state";
import { SAMPLE_T0 } from "./sample";

/**
 * Loads a DIR of verbatim response bodies (layout in emulator/README.md). Each body is kept as parsed AND
 * as its original text: the matching GET serves the text unchanged until a write changes the object.
 */
export function loadDir(
  state: WorkspaceState,
  root: string,
  warn: (line: string) => void = (line) => console.warn(line),
): void {
  if (!existsSync(root) || !statSync(root).isDirectory())
    throw new Error(`emulator: workspace ${root} is not sample, large, empty or a directory`);
  const note = (line: string) => {
    state.loadWarnings.push(line);
    warn(line);
  };
  // One bad recorded body costs that object only: it is reported and skipped, the rest loads.
  const read = (p: string): { text: string; obj: Obj } | undefined => {
    const text = readFileSync(p, "utf8");
    let obj: unknown;
    try {
      obj = JSON.parse(text);
    } catch (e) {
      note(`emulator: skipped ${relative(root, p)}: not valid JSON (${(e as Error).message})`);
      return undefined;
    }
    if (typeof obj !== "object" || obj === null || Array.isArray(obj)) {
      note(`emulator: skipped ${relative(root, p)}: not a JSON object`);
      return undefined;
    }
    state.raw.set(obj, text);
    return { text, obj: obj as Obj };
  };
  const jsonFiles = (d: string) =>
    existsSync(join(root, d))
      ? readdirSync(join(root, d))
          .filter((f) => f.endsWith(".json") && statSync(join(root, d, f)).isFile())
          .sort()
      : [];
  const list = (family: string, file: string, key: string): Obj[] | undefined => {
    const p = join(root, file);
    if (!existsSync(p)) return undefined;
    const body = read(p);
    if (!body) return undefined;
    const { text, obj } = body;
    const items = (obj[key] as Obj[]) ?? [];
    state.verbatimLists.set(family, { raw: text, items, key });
    return items;
  };

  // SCIM resources: one body per file.
  for (const [dir, map] of [
    ["scim/Users", state.users],
    ["scim/Groups", state.groups],
    ["scim/ServicePrincipals", state.servicePrincipals],
  ] as const)
    for (const f of jsonFiles(dir)) {
      const obj = read(join(root, dir, f))?.obj;
      if (obj) map.set(String(obj.id), obj);
    }

  // Objects keyed by their id, with an optional verbatim list body beside them.
  const byId = (
    dir: string,
    idKey: string,
    put: (id: string, o: Obj) => void,
    family?: string,
    listKey?: string,
  ) => {
    for (const f of jsonFiles(dir)) {
      if (f === "list.json") continue;
      const obj = read(join(root, dir, f))?.obj;
      if (obj) put(String(obj[idKey] ?? f.slice(0, -5)), obj);
    }
    if (family && listKey) return list(family, `${dir}/list.json`, listKey);
    return undefined;
  };
  const jobs = byId("jobs", "job_id", (id, o) => state.jobs.set(Number(id), o), "jobs", "jobs");
  if (jobs) {
    // The jobs list shows every job: a recorded job the recorded list lacks is listed all the same (the
    // list is then built from the jobs), with a warning, rather than silently never seen by a client.
    const listed = new Set(jobs.map((j) => Number(j.job_id)));
    const missing = [...state.jobs.keys()].filter((id) => !listed.has(id)).sort((a, b) => a - b);
    if (missing.length) {
      note(
        `emulator: jobs/list.json lacks job${missing.length > 1 ? "s" : ""} ${missing.join(", ")} ` +
          `(recorded as jobs/<id>.json); the jobs list is built from the recorded jobs instead`,
      );
      state.dropVerbatimList("jobs");
    }
  }
  for (const j of jobs ?? []) if (!state.jobs.has(Number(j.job_id))) state.jobs.set(Number(j.job_id), j);
  const clusters = byId(
    "clusters",
    "cluster_id",
    (id, o) => state.clusters.set(id, o),
    "clusters",
    "clusters",
  );
  for (const c of clusters ?? [])
    if (!state.clusters.has(String(c.cluster_id))) state.clusters.set(String(c.cluster_id), c);
  const policies = byId(
    "policies",
    "policy_id",
    (id, o) => state.policies.set(id, o),
    "policies",
    "policies",
  );
  for (const p of policies ?? [])
    if (!state.policies.has(String(p.policy_id))) state.policies.set(String(p.policy_id), p);
  const pools = byId(
    "instance-pools",
    "instance_pool_id",
    (id, o) => state.pools.set(id, o),
    "instance-pools",
    "instance_pools",
  );
  for (const p of pools ?? [])
    if (!state.pools.has(String(p.instance_pool_id))) state.pools.set(String(p.instance_pool_id), p);
  for (const f of jsonFiles("libraries")) {
    const obj = read(join(root, "libraries", f))?.obj;
    if (obj) state.libraries.set(String(obj.cluster_id ?? f.slice(0, -5)), obj);
  }
  const scripts = byId(
    "global-init-scripts",
    "script_id",
    (id, o) => state.globalInitScripts.set(id, o),
    "global-init-scripts",
    "scripts",
  );
  for (const s of scripts ?? [])
    if (!state.globalInitScripts.has(String(s.script_id)))
      state.globalInitScripts.set(String(s.script_id), s);
  const whs = byId(
    "sql/warehouses",
    "id",
    (id, o) => state.warehouses.set(id, o),
    "sql/warehouses",
    "warehouses",
  );
  for (const w of whs ?? []) if (!state.warehouses.has(String(w.id))) state.warehouses.set(String(w.id), w);
  const endpoints = list("sql/endpoints", "sql/endpoints/list.json", "endpoints");
  for (const w of endpoints ?? [])
    if (!state.warehouses.has(String(w.id))) state.warehouses.set(String(w.id), w);
  // Databricks SQL objects: <collection>/<id>.json plus an optional list.json (`results`), per API.
  for (const collection of [
    "preview/sql/queries",
    "preview/sql/dashboards",
    "preview/sql/alerts",
    "sql/queries",
    "sql/alerts",
  ]) {
    const objs = sqlCollection(state, collection);
    const listed = byId(collection, "id", (id, o) => objs.set(id, o), collection, "results");
    for (const o of listed ?? []) if (!objs.has(String(o.id))) objs.set(String(o.id), o);
  }
  const sqlPermRoot = join(root, "preview", "sql", "permissions");
  for (const file of walkFiles(sqlPermRoot))
    if (file.endsWith(".json")) {
      const body = read(file)?.obj;
      if (body) state.sqlAcls.set(relative(sqlPermRoot, file).split(sep).join("/").slice(0, -5), body);
    }
  byId("pipelines", "pipeline_id", (id, o) => state.pipelines.set(id, o));
  const profiles = list("instance-profiles", "instance-profiles/list.json", "instance_profiles");
  if (profiles) state.instanceProfiles.push(...profiles);
  if (existsSync(join(root, "workspace-conf.json"))) {
    const conf = read(join(root, "workspace-conf.json"))?.obj;
    if (conf) state.workspaceConf = conf;
  }

  // Permissions: permissions/<type>/<id>.json, type possibly two segments (sql/warehouses, authorization).
  const permRoot = join(root, "permissions");
  for (const file of walkFiles(permRoot))
    if (file.endsWith(".json")) {
      const key = relative(permRoot, file).split(sep).join("/").slice(0, -5);
      const body = read(file)?.obj;
      if (body) state.permissionsRaw.set(key, body);
    }

  // Secrets: scopes list, keys listing per scope, one ACL body per principal.
  const scopes = list("secrets/scopes", "secrets/scopes.json", "scopes");
  for (const meta of scopes ?? []) {
    const name = String(meta.name);
    const vault = (meta.keyvault_metadata as Obj | undefined)?.resource_id;
    const keys = vault ? keyVault(String(vault)) : new Map();
    const scope = { meta, keys, acls: new Map<string, string>() };
    state.secretScopes.set(name, scope);
    const keysFile = join(root, "secrets", name, "keys.json");
    const keysBody = existsSync(keysFile) ? read(keysFile) : undefined;
    if (keysBody) {
      const { text, obj } = keysBody;
      state.verbatimSecretKeys.set(name, text);
      for (const k of (obj.secrets as Obj[]) ?? [])
        scope.keys.set(String(k.key), {
          key: String(k.key),
          last_updated_timestamp: Number(k.last_updated_timestamp ?? 0),
        });
    }
    for (const f of jsonFiles(`secrets/${name}/acls`)) {
      const obj = read(join(root, "secrets", name, "acls", f))?.obj;
      if (obj) scope.acls.set(String(obj.principal), String(obj.permission));
    }
  }

  // Repos: repos/<id>.json (repos/get bodies); their folders appear in the tree.
  for (const f of jsonFiles("repos")) {
    const obj = read(join(root, "repos", f))?.obj;
    if (!obj) continue;
    const id = Number(obj.id);
    state.repos.set(id, obj);
    mkdirs(state, String(obj.path).slice(0, String(obj.path).lastIndexOf("/")) || "/");
    state.tree.put({ path: String(obj.path), object_type: "REPO", object_id: id, repoId: id });
  }

  // Workspace sources: notebooks by their SOURCE header or .ipynb, everything else a workspace file.
  const wsRoot = join(root, "workspace");
  for (const file of walkFiles(wsRoot, true)) {
    const rel = "/" + relative(wsRoot, file).split(sep).join("/");
    if (statSync(file).isDirectory()) {
      mkdirs(state, rel);
      continue;
    }
    const data = readFileSync(file);
    const text = data.toString("utf8");
    let path = rel;
    const dot = rel.lastIndexOf(".");
    const ext = dot > rel.lastIndexOf("/") ? rel.slice(dot + 1).toLowerCase() : "";
    mkdirs(state, rel.slice(0, rel.lastIndexOf("/")) || "/");
    const base = { object_id: state.objectId(), created_at: SAMPLE_T0, modified_at: SAMPLE_T0 };
    if (ext === "ipynb") {
      let nb: ReturnType<typeof fromJupyter>;
      try {
        nb = fromJupyter(text);
      } catch (e) {
        note(`emulator: skipped workspace${rel}: not a readable Jupyter notebook (${(e as Error).message})`);
        continue;
      }
      path = rel.slice(0, dot);
      state.tree.put({
        ...base,
        path,
        object_type: "NOTEBOOK",
        language: nb.language,
        content: Buffer.from(nb.source),
        importFormat: "JUPYTER",
      });
      continue;
    }
    const lang = languageOfSource(text, rel);
    if (lang) {
      if (["py", "scala", "sql", "r"].includes(ext)) path = rel.slice(0, dot);
      state.tree.put({
        ...base,
        path,
        object_type: "NOTEBOOK",
        language: lang,
        content: Buffer.from(toSource(lang, text)),
      });
    } else state.tree.put({ ...base, path, object_type: "FILE", content: data });
  }

  // DBFS: raw files; modification times are not known, so none is reported.
  const dbfsRoot = join(root, "dbfs");
  for (const file of walkFiles(dbfsRoot, true)) {
    const path = "/" + relative(dbfsRoot, file).split(sep).join("/");
    const parts = path.split("/").filter(Boolean);
    for (let i = 1; i < parts.length; i++) {
      const d = "/" + parts.slice(0, i).join("/");
      if (!state.dbfs.has(d)) state.dbfs.set(d, { path: d, is_dir: true });
    }
    if (statSync(file).isDirectory()) state.dbfs.set(path, { path, is_dir: true });
    else state.dbfs.set(path, { path, is_dir: false, data: readFileSync(file) });
  }
}

/** Files (and, when asked, directories) under a folder, depth first in name order; none if it is absent. */
function walkFiles(dir: string, withDirs = false): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) {
      if (withDirs) out.push(p);
      out.push(...walkFiles(p, withDirs));
    } else out.push(p);
  }
  return out;
}
