import { invalid, invalidState } from "../errors";
import { intParam, ok, param, Reply, RequestContext, requireParam } from "../http";
import { Router } from "../router";
import { recordEvent } from "./cluster-events";
import { Obj } from "../state/types";
import { WorkspaceState } from "../state/workspace-state";
import { compact, creatorEntry, page, serveObject } from "./util";

/** Fields the service sets and reports; create/edit ignore them. */
export const CLUSTER_READ_ONLY = [
  "cluster_id",
  "creator_user_name",
  "cluster_source",
  "default_tags",
  "driver",
  "executors",
  "spark_context_id",
  "jdbc_port",
  "state",
  "state_message",
  "start_time",
  "terminated_time",
  "last_state_loss_time",
  "last_activity_time",
  "last_restarted_time",
  "termination_reason",
  "cluster_cores",
  "cluster_memory_mb",
  "cluster_log_status",
  "pinned_by_user_name",
  "spec",
  "effective_spark_version",
];
const THIRTY_DAYS = 30 * 24 * 3600 * 1000;
/** The 2.1 list answers at most this many clusters per page, whatever page_size asks for. */
export const CLUSTERS_MAX_PAGE = 100;

export function clusterNotFound(id: string) {
  return invalid(`Cluster ${id} does not exist`);
}

export function getCluster(state: WorkspaceState, id: string): Obj {
  const c = state.clusters.get(id);
  if (!c) throw clusterNotFound(id);
  settle(state, c);
  return c;
}

/** Moves a PENDING/RESTARTING cluster to RUNNING once its start time has come. */
export function settle(state: WorkspaceState, c: Obj): void {
  const at = state.clusterTransitions.get(c.cluster_id);
  if (at === undefined || Date.now() < at) return;
  state.clusterTransitions.delete(c.cluster_id);
  state.touch(c);
  c.state = "RUNNING";
  c.state_message = "";
  attachNodes(state, c);
  const workers = c.autoscale ? Number(c.autoscale.min_workers ?? 0) : Number(c.num_workers ?? 0);
  recordEvent(
    state,
    c.cluster_id,
    "RUNNING",
    { current_num_workers: workers, target_num_workers: workers },
    at,
  );
  const libs = state.libraries.get(c.cluster_id);
  if (libs) {
    state.touch(libs);
    for (const s of (libs.library_statuses as Obj[]) ?? [])
      if (s.status === "PENDING" || s.status === "INSTALLING") s.status = "INSTALLED";
  }
}

function attachNodes(state: WorkspaceState, c: Obj, time = Date.now()): void {
  const workers = c.autoscale ? Number(c.autoscale.min_workers ?? 0) : Number(c.num_workers ?? 0);
  const node = (i: number) => ({
    host_private_ip: `10.139.0.${10 + i}`,
    instance_id: state.hexId(32),
    node_id: state.hexId(32),
    private_ip: `10.139.64.${10 + i}`,
    public_dns: `51.144.17.${10 + i}`, // recorded nodes carry one (no rng draw: seeds stay as they were)
    start_timestamp: time,
  });
  c.driver = node(0);
  c.executors = Array.from({ length: workers }, (_, i) => node(i + 1));
  c.spark_context_id = 1_000_000_000_000_000 + state.rng.int(1_000_000_000);
  c.cluster_cores = 4 * (workers + 1);
  c.cluster_memory_mb = 14336 * (workers + 1);
}

function isListed(c: Obj): boolean {
  if (c.pinned_by_user_name) return true;
  if (c.state !== "TERMINATED") return true;
  return Date.now() - Number(c.terminated_time ?? 0) < THIRTY_DAYS;
}

function validateSpec(state: WorkspaceState, spec: Obj): void {
  if (!spec.spark_version) throw invalid("Missing required field: spark_version");
  if (!spec.node_type_id && !spec.instance_pool_id && !spec.policy_id)
    throw invalid("Missing required field: node_type_id");
  if (spec.policy_id && !state.policies.has(String(spec.policy_id)))
    throw invalid(`Cluster policy ${spec.policy_id} does not exist`);
  for (const k of ["instance_pool_id", "driver_instance_pool_id"])
    if (spec[k] && !state.pools.has(String(spec[k])))
      throw invalid(`Instance pool ${spec[k]} does not exist`);
}

function settingsOf(body: Obj): Obj {
  const spec: Obj = {};
  for (const [k, v] of Object.entries(body)) if (!CLUSTER_READ_ONLY.includes(k)) spec[k] = v;
  return spec;
}

/** clusters/create: the cluster starts (PENDING, RUNNING after `clusterStartMs`). */
export function createCluster(
  state: WorkspaceState,
  body: Obj,
  opts: {
    source?: string;
    id?: string;
    creator?: string;
    state?: "RUNNING" | "TERMINATED";
    time?: number;
  } = {},
): Obj {
  const spec = settingsOf(body);
  validateSpec(state, spec);
  const id = opts.id ?? state.clusterId();
  const creator = opts.creator ?? state.currentUser;
  const now = opts.time ?? Date.now();
  const c: Obj = compact({
    cluster_id: id,
    creator_user_name: creator,
    ...spec,
    azure_attributes:
      spec.azure_attributes ??
      (spec.aws_attributes || spec.gcp_attributes || spec.instance_pool_id
        ? undefined
        : { availability: "ON_DEMAND_AZURE", first_on_demand: 1, spot_bid_max_price: -1 }),
    enable_elastic_disk: spec.enable_elastic_disk ?? true,
    disk_spec: spec.disk_spec ?? {},
    cluster_source: opts.source ?? "API",
    default_tags: {
      Vendor: "Databricks",
      Creator: creator,
      ClusterName: spec.cluster_name ?? "",
      ClusterId: id,
    },
    state: "PENDING",
    state_message: "Finding instances for new nodes, acquiring more instances if necessary",
    start_time: now,
    jdbc_port: 10000,
    last_state_loss_time: 0,
    init_scripts_safe_mode: false,
    spec,
  });
  state.clusters.set(id, c);
  state.dropVerbatimList("clusters");
  recordEvent(state, id, "CREATING", { user: creator }, now);
  if (opts.state === "RUNNING") {
    c.state = "RUNNING";
    c.state_message = "";
    attachNodes(state, c, now);
  } else if (opts.state === "TERMINATED") {
    terminate(state, c, "INACTIVITY", now + 3600_000);
  } else state.clusterTransitions.set(id, now + state.clusterStartMs);
  if (!state.acls.has(`clusters/${id}`))
    state.acls.set(`clusters/${id}`, [creatorEntry(state, creator, "CAN_MANAGE")]);
  return c;
}

function terminate(state: WorkspaceState, c: Obj, reason = "USER_REQUEST", time = Date.now()): void {
  state.touch(c);
  recordEvent(
    state,
    c.cluster_id,
    "TERMINATING",
    { reason: { code: reason }, user: state.currentUser },
    time,
  );
  state.clusterTransitions.delete(c.cluster_id);
  c.state = "TERMINATED";
  c.state_message = reason === "USER_REQUEST" ? "Terminated by user" : "Inactive cluster terminated";
  c.terminated_time = time;
  c.termination_reason =
    reason === "USER_REQUEST"
      ? { code: reason, type: "SUCCESS", parameters: { username: state.currentUser } }
      : {
          code: reason,
          type: "SUCCESS",
          parameters: { inactivity_duration_min: String(c.autotermination_minutes ?? 0) },
        };
  delete c.driver;
  delete c.executors;
  delete c.spark_context_id;
}

function start(state: WorkspaceState, c: Obj, restarting = false): void {
  state.touch(c);
  recordEvent(state, c.cluster_id, restarting ? "RESTARTING" : "STARTING", { user: state.currentUser });
  c.state = restarting ? "RESTARTING" : "PENDING";
  c.state_message = restarting ? "Restarting Spark" : "Starting Spark";
  c.start_time = restarting ? c.start_time : Date.now();
  if (restarting) c.last_restarted_time = Date.now();
  delete c.terminated_time;
  delete c.termination_reason;
  state.clusterTransitions.set(c.cluster_id, Date.now() + state.clusterStartMs);
  const libs = state.libraries.get(c.cluster_id);
  if (libs) {
    state.touch(libs);
    libs.library_statuses = ((libs.library_statuses as Obj[]) ?? []).filter(
      (s) => s.status !== "UNINSTALL_ON_RESTART",
    );
  }
}

const STATE_NAME: Record<string, string> = {
  RUNNING: "Running",
  PENDING: "Pending",
  RESTARTING: "Restarting",
  RESIZING: "Resizing",
  TERMINATING: "Terminating",
  TERMINATED: "Terminated",
};

function listClusters(ctx: RequestContext, paged: boolean): Reply {
  const { state } = ctx;
  const verbatim = state.verbatimLists.get("clusters");
  let all: Obj[];
  if (verbatim) all = verbatim.items;
  else {
    all = [...state.clusters.values()];
    all.forEach((c) => settle(state, c));
    all = all.filter(isListed);
  }
  const sources = param(ctx, "filter_by.cluster_sources")?.split(",");
  const states = param(ctx, "filter_by.cluster_states")?.split(",");
  const pinned = param(ctx, "filter_by.is_pinned");
  const policy = param(ctx, "filter_by.policy_id");
  const filtered = all.filter(
    (c) =>
      (!sources || sources.includes(c.cluster_source)) &&
      (!states || states.includes(c.state)) &&
      (pinned === undefined || !!c.pinned_by_user_name === (pinned === "true")) &&
      (!policy || c.policy_id === policy),
  );
  const unfiltered = filtered.length === all.length;
  if (!paged) {
    if (verbatim && unfiltered) return { status: 200, raw: verbatim.raw };
    return ok(filtered.length ? { clusters: filtered } : {});
  }
  const size = Math.min(CLUSTERS_MAX_PAGE, Math.max(1, intParam(ctx, "page_size") ?? CLUSTERS_MAX_PAGE));
  const token = param(ctx, "page_token");
  if (verbatim && unfiltered && !token && filtered.length <= size) return { status: 200, raw: verbatim.raw };
  const p = page(filtered, token, size);
  const body: Obj = {};
  if (p.items.length) body.clusters = p.items;
  if (p.next) body.next_page_token = p.next;
  if (token) body.prev_page_token = token;
  return ok(body);
}

export function registerClusters(r: Router): void {
  for (const v of ["2.0", "2.1"]) {
    const base = `/api/${v}/clusters`;
    r.get(`${base}/list`, (ctx) => listClusters(ctx, v === "2.1"));
    r.get(`${base}/get`, (ctx) =>
      serveObject(ctx.state, getCluster(ctx.state, requireParam(ctx, "cluster_id"))),
    );
    r.post(`${base}/create`, (ctx) => {
      const c = createCluster(ctx.state, ctx.body);
      return ok({ cluster_id: c.cluster_id });
    });
    r.post(`${base}/edit`, (ctx) => {
      const { state } = ctx;
      const c = getCluster(state, requireParam(ctx, "cluster_id"));
      if (!["RUNNING", "TERMINATED"].includes(c.state))
        throw invalidState(
          `Cluster ${c.cluster_id} is in unexpected state ${STATE_NAME[c.state] ?? c.state}.`,
        );
      const spec = settingsOf(ctx.body);
      validateSpec(state, spec);
      state.touch(c);
      for (const k of Object.keys(c)) if (!CLUSTER_READ_ONLY.includes(k)) delete c[k];
      Object.assign(c, spec, { spec });
      c.default_tags = { ...c.default_tags, ClusterName: spec.cluster_name ?? "" };
      state.dropVerbatimList("clusters");
      if (c.state === "RUNNING") start(state, c, true);
      return ok({});
    });
    r.post(`${base}/start`, (ctx) => {
      const { state } = ctx;
      const c = getCluster(state, requireParam(ctx, "cluster_id"));
      if (c.state !== "TERMINATED")
        throw invalidState(
          `Cluster ${c.cluster_id} is in unexpected state ${STATE_NAME[c.state] ?? c.state}.`,
        );
      start(state, c);
      state.dropVerbatimList("clusters");
      return ok({});
    });
    r.post(`${base}/restart`, (ctx) => {
      const { state } = ctx;
      const c = getCluster(state, requireParam(ctx, "cluster_id"));
      if (c.state !== "RUNNING")
        throw invalidState(
          `Cluster ${c.cluster_id} is in unexpected state ${STATE_NAME[c.state] ?? c.state}.`,
        );
      start(state, c, true);
      return ok({});
    });
    r.post(`${base}/delete`, (ctx) => {
      const { state } = ctx;
      const c = getCluster(state, requireParam(ctx, "cluster_id"));
      if (c.state !== "TERMINATED") terminate(state, c);
      state.dropVerbatimList("clusters");
      return ok({});
    });
    r.post(`${base}/permanent-delete`, (ctx) => {
      const { state } = ctx;
      const id = requireParam(ctx, "cluster_id");
      getCluster(state, id);
      state.clusters.delete(id);
      state.clusterTransitions.delete(id);
      state.libraries.delete(id);
      state.acls.delete(`clusters/${id}`);
      state.permissionsRaw.delete(`clusters/${id}`);
      state.dropVerbatimList("clusters");
      return ok({});
    });
    for (const [action, pin] of [
      ["pin", true],
      ["unpin", false],
    ] as const)
      r.post(`${base}/${action}`, (ctx) => {
        const { state } = ctx;
        const c = getCluster(state, requireParam(ctx, "cluster_id"));
        state.touch(c);
        if (pin) c.pinned_by_user_name = state.currentUser;
        else delete c.pinned_by_user_name;
        state.dropVerbatimList("clusters");
        return ok({});
      });
    r.get(`${base}/spark-versions`, () =>
      ok({
        versions: [
          { key: "15.4.x-scala2.12", name: "15.4 LTS (includes Apache Spark 3.5.0, Scala 2.12)" },
          { key: "14.3.x-scala2.12", name: "14.3 LTS (includes Apache Spark 3.5.0, Scala 2.12)" },
          { key: "13.3.x-scala2.12", name: "13.3 LTS (includes Apache Spark 3.4.1, Scala 2.12)" },
        ],
      }),
    );
    r.get(`${base}/list-node-types`, () =>
      ok({
        node_types: ["Standard_DS3_v2", "Standard_DS4_v2", "Standard_E8ds_v4", "Standard_F4s"].map(
          (id, i) => ({
            node_type_id: id,
            memory_mb: 14336 * (i + 1),
            num_cores: 4 * (i + 1),
            description: id,
            instance_type_id: id,
            category: "General Purpose",
          }),
        ),
      }),
    );
  }
}
