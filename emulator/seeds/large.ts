import { createCluster } from "../routes/clusters";
import { dbfsWrite } from "../routes/dbfs";
import { createGlobalInitScript } from "../routes/init-scripts";
import { createJob } from "../routes/jobs";
import { installLibraries } from "../routes/libraries";
import { createPolicy } from "../routes/policies";
import { createPool } from "../routes/pools";
import { createScope, putSecret } from "../routes/secrets";
import { createWarehouse } from "../routes/sql";
import { mkdirs, permissionsKeyOf } from "../routes/workspace";
import { header } from "../formats/notebook";
import { Rng } from "../rng";
import { WsNode } from "../state/tree";
import { Language, LANGUAGES, Obj } from "../state/types";
import { WorkspaceState } from "../state/workspace-state";
import { addBuiltIns, addGroup, addMember, addServicePrincipal, addUser, grant, group, user } from "./build";
import { SAMPLE_T0 } from "./sample";
import { buildLargeUc, LargeUcSizes } from "./large-uc";
import { buildLargeServing, LARGE_SERVING_DEFAULTS, LargeServingSizes } from "./sample-serving";
import { buildLargeMlflow, LARGE_MLFLOW_DEFAULTS, LargeMlflowSizes } from "./sample-mlflow";
import { buildLargeDashboards, LargeDashboardSizes } from "./sample-dashboards";
import {
  buildLargeSqlPipelines,
  LARGE_SQL_PIPELINE_DEFAULTS,
  LargeSqlPipelineSizes,
} from "./large-sql-pipelines";

export interface LargeSizes
  extends LargeUcSizes, LargeServingSizes, LargeDashboardSizes, LargeMlflowSizes, LargeSqlPipelineSizes {
  notebooks: number;
  folders: number;
  jobs: number;
  clusters: number;
  users: number;
  groups: number;
}
export const LARGE_DEFAULTS: LargeSizes = {
  notebooks: 10_000,
  folders: 1_000,
  jobs: 2_000,
  clusters: 300,
  users: 5_000,
  groups: 500,
  ucCatalogs: 5,
  ucSchemas: 20,
  ucTables: 500,
  ucVolumes: 20,
  ucFunctions: 20,
  ...LARGE_SERVING_DEFAULTS,
  sqlDashboards: 50,
  lakeviewDashboards: 100,
  ...LARGE_MLFLOW_DEFAULTS,
  ...LARGE_SQL_PIPELINE_DEFAULTS,
};

const COMMENT: Record<Language, string> = { PYTHON: "#", SCALA: "//", SQL: "--", R: "#" };

/**
 * Notebook bytes for the large workspace, made on demand from (key, language, size): the state holds no
 * content buffers, only these three numbers per notebook, and the same key always gives the same bytes.
 */
export function largeNotebookContent(node: WsNode): Buffer {
  const lang = node.language ?? "PYTHON";
  const { key, size } = node.gen!;
  const c = COMMENT[lang];
  const lines = [header(lang), `${c} notebook ${key}`];
  let len = lines.join("\n").length + 1;
  for (let i = 0; len < size; i++) {
    const line =
      lang === "SQL"
        ? `SELECT ${i} AS step, '${key}' AS nb FROM range(${(key * 31 + i) % 997});`
        : lang === "SCALA"
          ? `val v${i} = spark.range(${(key * 31 + i) % 997}).count()`
          : lang === "R"
            ? `v${i} <- sum(seq_len(${(key * 31 + i) % 997}))`
            : `v${i} = spark.range(${(key * 31 + i) % 997}).count()`;
    lines.push(line);
    len += line.length + 1;
  }
  return Buffer.from(`${lines.join("\n")}\n`.slice(0, size));
}

/** A deterministic generator of a big workspace; sizes are knobs (the bench runs smaller ones quickly). */
export function buildLarge(state: WorkspaceState, sizes: Partial<LargeSizes> = {}, seed = 1): void {
  const n = { ...LARGE_DEFAULTS, ...sizes };
  const rng = new Rng(seed * 7919 + 17);
  const t0 = SAMPLE_T0;
  state.contentGenerator = largeNotebookContent;
  const { admin } = addBuiltIns(state);

  // Identities: users, groups (every tenth holds the next one), a few service principals.
  const users: Obj[] = [];
  for (let i = 0; i < n.users; i++)
    users.push(
      addUser(state, `user${String(i).padStart(5, "0")}@example.com`, {
        displayName: `User ${i}`,
        home: false,
        active: i % 97 !== 0,
        entitlements: i % 10 === 0 ? ["allow-cluster-create"] : undefined,
      }),
    );
  const sps: Obj[] = [];
  for (let i = 0; i < Math.max(1, Math.ceil(n.groups / 25)); i++)
    sps.push(addServicePrincipal(state, uuidFor(rng), `automation-${i}`));
  const groups: Obj[] = [];
  for (let g = 0; g < n.groups; g++) groups.push(addGroup(state, `team-${String(g).padStart(4, "0")}`));
  users.forEach((u, i) => {
    if (groups.length === 0) return;
    addMember(groups[i % groups.length], u);
    if (i % 3 === 0) addMember(groups[(i * 7 + 1) % groups.length], u);
  });
  groups.forEach((g, i) => {
    if (i % 10 === 0 && i + 1 < groups.length) addMember(g, groups[i + 1]);
  });
  sps.forEach((s, i) => groups.length && addMember(groups[i % groups.length], s));

  // Folders: a fifth in user homes, the rest under /Shared/teams/<team>/<project>.
  const folders: WsNode[] = [];
  const homeFolders = Math.floor(n.folders / 5);
  for (let f = 0; f < n.folders; f++) {
    let path: string;
    if (f < homeFolders && users.length) {
      const u = users[(f * 13) % users.length];
      path = `/Users/${u.userName}/work-${f}`;
      const home = mkdirs(state, `/Users/${u.userName}`);
      if (!state.acls.has(permissionsKeyOf(home)))
        state.acls.set(permissionsKeyOf(home), [{ user_name: u.userName, permission_level: "CAN_MANAGE" }]);
    } else path = `/Shared/teams/team-${String(f % 100).padStart(3, "0")}/project-${f}`;
    const dir = mkdirs(state, path);
    folders.push(dir);
    if (f % 7 === 0 && groups.length)
      grant(
        state,
        permissionsKeyOf(dir),
        group(groups[f % groups.length].displayName, f % 2 ? "CAN_EDIT" : "CAN_READ"),
      );
  }
  if (folders.length === 0) folders.push(mkdirs(state, "/Shared/notebooks"));

  // Notebooks, spread evenly; contents generated on demand.
  const notebooks: WsNode[] = [];
  for (let i = 0; i < n.notebooks; i++) {
    const dir = folders[i % folders.length];
    const language = LANGUAGES[i % 7 === 0 ? 1 : i % 5 === 0 ? 2 : i % 11 === 0 ? 3 : 0];
    const t = t0 + i * 1000;
    const node = state.tree.put({
      path: `${dir.path}/notebook-${String(i).padStart(5, "0")}`,
      object_type: "NOTEBOOK",
      object_id: state.objectId(),
      language,
      created_at: t,
      modified_at: t,
      gen: { key: i, size: 400 + (((i * 2654435761) >>> 0) % 3600) },
    });
    notebooks.push(node);
    if (i % 5 === 0 && users.length)
      grant(
        state,
        permissionsKeyOf(node),
        user(users[(i * 31) % users.length].userName, i % 2 ? "CAN_RUN" : "CAN_EDIT"),
      );
  }
  // A workspace file in every tenth folder.
  folders.forEach((dir, f) => {
    if (f % 10 !== 0) return;
    const t = t0 + f * 1000;
    state.tree.put({
      path: `${dir.path}/config-${f}.json`,
      object_type: "FILE",
      object_id: state.objectId(),
      created_at: t,
      modified_at: t,
      content: Buffer.from(JSON.stringify({ folder: f, owner: "team" })),
    });
  });

  // Compute: pools, policies, clusters (a fifth of them job clusters), libraries.
  const pools = Array.from({ length: 5 }, (_, i) =>
    createPool(
      state,
      {
        instance_pool_name: `pool-${i}`,
        node_type_id: "Standard_DS3_v2",
        min_idle_instances: 0,
        max_capacity: 50,
      },
      { id: `0101-000000-pool${i}-pool-${String(i).padStart(8, "0")}` },
    ),
  );
  const policies = Array.from({ length: 10 }, (_, i) =>
    createPolicy(
      state,
      {
        name: `policy-${i}`,
        definition: JSON.stringify({
          autotermination_minutes: { type: "range", maxValue: 120 },
          ...(i % 2
            ? { instance_pool_id: { type: "fixed", value: pools[i % pools.length].instance_pool_id } }
            : {}),
        }),
      },
      { id: `F000000000000${String(i).padStart(3, "0")}`, created: t0 },
    ),
  );
  const clusterIds: string[] = [];
  for (let i = 0; i < n.clusters; i++) {
    const id = `0101-000000-c${String(i).padStart(5, "0")}`;
    const source = i % 5 === 4 ? "JOB" : i % 2 ? "API" : "UI";
    createCluster(
      state,
      {
        cluster_name: source === "JOB" ? `job-run-${i}` : `cluster-${i}`,
        spark_version: "14.3.x-scala2.12",
        ...(i % 3 === 0
          ? { instance_pool_id: pools[i % pools.length].instance_pool_id }
          : { node_type_id: "Standard_DS3_v2" }),
        ...(i % 4 === 0 ? { policy_id: policies[i % policies.length].policy_id } : {}),
        num_workers: i % 8,
        autotermination_minutes: 60,
        custom_tags: { index: String(i) },
      },
      {
        id,
        source,
        creator: users.length ? users[i % users.length].userName : admin.userName,
        state: i % 3 === 0 ? "RUNNING" : "TERMINATED",
        time: t0 + i * 1000,
      },
    );
    const c = state.clusters.get(id)!;
    c.pinned_by_user_name = "1000000000000001"; // pinned, so every cluster stays listed
    if (source !== "JOB") {
      clusterIds.push(id);
      if (i % 4 === 0) installLibraries(state, id, [{ pypi: { package: `pkg-${i % 17}==1.0.${i % 5}` } }]);
      if (groups.length)
        grant(state, `clusters/${id}`, group(groups[i % groups.length].displayName, "CAN_ATTACH_TO"));
    }
  }

  // Jobs: 1-4 tasks each on notebooks, existing clusters or job clusters; triggers and pause states mixed.
  for (let j = 0; j < n.jobs; j++) {
    const taskCount = 1 + (j % 4);
    const useJobCluster = j % 3 !== 0 || clusterIds.length === 0;
    const tasks = Array.from({ length: taskCount }, (_, k) => ({
      task_key: `task_${k}`,
      ...(k > 0 ? { depends_on: [{ task_key: `task_${k - 1}` }] } : {}),
      ...(useJobCluster
        ? { job_cluster_key: "main" }
        : { existing_cluster_id: clusterIds[j % clusterIds.length] }),
      notebook_task: {
        notebook_path: notebooks.length ? notebooks[(j * 5 + k) % notebooks.length].path : "/Shared/x",
      },
    }));
    const settings: Obj = {
      name: `job-${String(j).padStart(5, "0")}`,
      tasks,
      ...(useJobCluster
        ? {
            job_clusters: [
              {
                job_cluster_key: "main",
                new_cluster: {
                  spark_version: "14.3.x-scala2.12",
                  instance_pool_id: pools[j % pools.length].instance_pool_id,
                  num_workers: 2,
                },
              },
            ],
          }
        : {}),
    };
    if (j % 4 === 0)
      settings.schedule = {
        quartz_cron_expression: `0 ${j % 60} * * * ?`,
        timezone_id: "UTC",
        pause_status: j % 8 === 0 ? "PAUSED" : "UNPAUSED",
      };
    else if (j % 4 === 1 && j % 20 === 1) settings.continuous = { pause_status: "PAUSED" };
    else if (j % 4 === 2 && j % 10 === 2)
      settings.trigger = {
        pause_status: "UNPAUSED",
        file_arrival: { url: `abfss://landing@st.dfs.core.windows.net/${j}/` },
      };
    createJob(state, settings, {
      id: 500_000_000_000_001 + j,
      creator: users.length ? users[j % users.length].userName : admin.userName,
      created: t0 + j * 1000,
    });
    if (groups.length)
      grant(
        state,
        `jobs/${500_000_000_000_001 + j}`,
        group(groups[j % groups.length].displayName, "CAN_VIEW"),
      );
  }

  // The rest: init scripts, scopes, warehouses, DBFS files, conf.
  for (let i = 0; i < 3; i++)
    createGlobalInitScript(
      state,
      {
        name: `global-${i}`,
        script: Buffer.from(`#!/bin/bash\necho ${i}\n`).toString("base64"),
        enabled: i !== 2,
      },
      { id: `B00000000000000${i}`, time: t0 },
    );
  for (let s = 0; s < 10; s++) {
    createScope(state, { scope: `scope-${s}`, initial_manage_principal: admin.userName });
    for (let k = 0; k < 5; k++)
      putSecret(state, `scope-${s}`, `key-${k}`, Buffer.from(`LARGE-SECRET-${s}-${k}`), t0);
    if (groups.length)
      state.secretScopes.get(`scope-${s}`)!.acls.set(groups[s % groups.length].displayName, "READ");
  }
  const warehouseIds = Array.from({ length: 5 }, (_, w) => `c0ffee00000000${String(w).padStart(2, "0")}`);
  warehouseIds.forEach((id, w) =>
    createWarehouse(state, { name: `warehouse-${w}`, cluster_size: "Small" }, { id, running: false }),
  );
  for (let d = 0; d < 20; d++)
    dbfsWrite(state, `/FileStore/jars/lib-${d}.jar`, Buffer.from(`jar ${d}`), true, t0);
  state.workspaceConf = {
    enableTokensConfig: "true",
    maxTokenLifetimeDays: "30",
    enableIpAccessLists: "true",
  };
  buildLargeUc(state, n, groups, t0);
  buildLargeServing(state, n, groups[0]?.displayName as string | undefined);
  buildLargeMlflow(state, n, groups[0]?.displayName as string | undefined, t0);
  // Queries before the dashboards: their charts are on the workspace's queries.
  buildLargeSqlPipelines(state, n, {
    notebooks,
    warehouseIds,
    users: users.map((u) => String(u.userName)),
    groups: groups.map((g) => String(g.displayName)),
    time: t0,
  });
  buildLargeDashboards(state, n, {
    warehouseId: "c0ffee0000000000",
    group: groups[0]?.displayName as string | undefined,
    time: t0,
  });
}

function uuidFor(rng: Rng): string {
  const h = rng.hex(32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
