import { Family, FAMILY_LIMITS } from "../client/families";
import { CONFIG_KEYS, ClusterStartPolicy, DEFAULTS, Granularity } from "../components/config/schema";
import { KIND_NAMES, KindName } from "../kinds/common";
import type { Snapshot } from "../snapshot/reader";
import { applyServingPassive } from "../kinds/serving-endpoint/mapping";
import { PERMISSION_TARGETS, PermissionTarget } from "../kinds/permission-types";
import {
  ACTIVATION_REQUESTS,
  COLD_REQUESTS,
  COLD_STAGES,
  INFRA_SECONDS,
  JOBS_CREATED_PER_HOUR,
  LEGACY_SQL_ACL_REQUESTS,
  PULUMI_START_SECONDS,
  UC_BINDING_REQUESTS,
  UC_DEFAULT_NAMESPACE_REQUESTS,
  UC_GRANTS_REQUESTS,
} from "./rto-rates";

/**
 * RTO, computed: how long a cold `pulumi up` of the secondary and an activation take, from the objects to
 * write, the workspace's per-family write limits (the client's table of published figures,
 * client/families.ts) and the requests per object the round trip measures (report/rto-rates.ts). Pure.
 */
export interface RtoInput {
  /** Objects per kind the stack writes. */
  counts: Partial<Record<KindName, number>>;
  /** ACLs per permissions object type (`jobs`, `notebooks`, ...): ACL batching is decided per type. */
  aclsByType?: Record<string, number>;
  /** Objects per kind an activation updates. */
  activation: Partial<Record<keyof typeof ACTIVATION_REQUESTS, number>>;
  granularity?: Granularity;
  /** Requests per second per family (default: the client's published/default table). */
  limits?: Record<Family, number>;
  /** false: an existing workspace is adopted (existingWorkspace), no infrastructure to create. */
  infrastructure?: boolean;
  /** Unity Catalog securables the stack writes that hold direct grants (one Grants resource each). */
  ucGrants?: number;
  /** ISOLATED catalogs: one workspace binding each. */
  ucBindings?: number;
  /** 1 when the primary's assignment names a default catalog (the secondary's default namespace setting). */
  ucDefaultNamespace?: number;
  /**
   * Folders with no folder below them (of the directories and the folders notebooks and files live in): a
   * batched tree's mkdirs (mkdirs makes the parents). Without it, the directory's average batched rate.
   */
  treeLeafFolders?: number;
}

export interface FamilyTime {
  family: Family;
  requests: number;
  limit: number;
  seconds: number;
}

export interface StageTime {
  name: string;
  kinds: KindName[];
  families: FamilyTime[];
  /** The slowest family's time: families of a stage run side by side. */
  seconds: number;
  bound?: Family;
}

export interface RtoEstimate {
  cold: {
    infraSeconds: number;
    startSeconds: number;
    stages: StageTime[];
    /** Workspace objects alone: the stages one after the other. */
    objectsSeconds: number;
    /** No stage waits for another: the slowest family over the whole apply (a floor). */
    floorSeconds: number;
    totalSeconds: number;
  };
  activation: {
    startSeconds: number;
    changes: Partial<Record<keyof typeof ACTIVATION_REQUESTS, number>>;
    families: FamilyTime[];
    objectsSeconds: number;
    totalSeconds: number;
  };
  /** Kinds above their granularity threshold, estimated with the batched rates. */
  batched: string[];
  /** Kinds holding objects with no measured rate: left out of the estimate. */
  notEstimated: { kind: KindName; count: number }[];
  assumptions: string[];
}

type Requests = Partial<Record<Family, number>>;

function add(into: Requests, rate: Requests, n: number): void {
  for (const [f, r] of Object.entries(rate) as [Family, number][]) into[f] = (into[f] ?? 0) + r * n;
}

function timed(req: Requests, limits: Record<Family, number>): FamilyTime[] {
  return (Object.entries(req) as [Family, number][])
    .filter(([, n]) => n > 0)
    .map(([family, requests]) => ({
      family,
      requests,
      limit: limits[family],
      seconds: requests / limits[family],
    }))
    .sort((a, b) => b.seconds - a.seconds);
}

const TREE: KindName[] = ["directory", "notebook", "workspace-file"];

export function estimateRto(input: RtoInput): RtoEstimate {
  const limits = input.limits ?? FAMILY_LIMITS;
  const g = input.granularity ?? (CONFIG_KEYS.granularity.schema.parse({}) as Granularity);
  const n = (k: KindName) => input.counts[k] ?? 0;
  const treeObjects = TREE.reduce((s, k) => s + n(k), 0);
  const batchedKind = (k: KindName): boolean =>
    TREE.includes(k)
      ? treeObjects > g.notebooksPerObjectMax
      : k === "user"
        ? n(k) > g.usersPerObjectMax
        : k === "group"
          ? n(k) > g.groupsPerObjectMax
          : k === "job" && n(k) > g.jobsPerObjectMax;
  const batched = KIND_NAMES.filter((k) => n(k) > 0 && k !== "permissions" && batchedKind(k)) as string[];

  const stages: StageTime[] = COLD_STAGES.map((stage) => {
    const req: Requests = {};
    for (const kind of stage.kinds) {
      const rate = COLD_REQUESTS[kind];
      if (!rate || !n(kind)) continue;
      if (kind === "permissions") {
        const byType = input.aclsByType ?? { all: n(kind) };
        for (const [type, count] of Object.entries(byType)) {
          const t: PermissionTarget | undefined = (PERMISSION_TARGETS as Record<string, PermissionTarget>)[
            type
          ];
          if (t?.api === "sql-legacy") {
            add(req, LEGACY_SQL_ACL_REQUESTS, count);
            continue;
          }
          // As the stack writes them: a tree object's ACL goes with its folder-tree sync when the tree is
          // batched; an ACL type is batched above its threshold only when its contract says `batchable`
          // (kinds/permissions/provisioner.ts); any other ACL is one Permissions resource (read back).
          const b =
            t?.targets === "workspace-tree"
              ? batchedKind("notebook")
              : type === "all"
                ? count > g.aclsPerObjectMax
                : !!t?.batchable && count > g.aclsPerObjectMax;
          if (b) batched.push(`permissions (${type})`);
          add(req, b ? (rate.batched ?? rate.perObject) : rate.perObject, count);
        }
      } else if (kind === "directory" && batchedKind(kind) && input.treeLeafFolders !== undefined)
        add(req, { "workspace-write": 1 }, input.treeLeafFolders);
      else add(req, batchedKind(kind) ? (rate.batched ?? rate.perObject) : rate.perObject, n(kind));
    }
    if (stage.kinds.includes("uc-catalog")) {
      add(req, UC_GRANTS_REQUESTS, input.ucGrants ?? 0);
      add(req, UC_BINDING_REQUESTS, input.ucBindings ?? 0);
      add(req, UC_DEFAULT_NAMESPACE_REQUESTS, input.ucDefaultNamespace ?? 0);
    }
    const families = timed(req, limits);
    // Jobs created per hour are capped too: past the cap, the next hour.
    const jobs = families.find((f) => f.family === "jobs-create");
    if (jobs && jobs.requests > JOBS_CREATED_PER_HOUR)
      jobs.seconds = Math.max(jobs.seconds, Math.floor((jobs.requests - 1) / JOBS_CREATED_PER_HOUR) * 3600);
    families.sort((a, b) => b.seconds - a.seconds);
    return { ...stage, families, seconds: families[0]?.seconds ?? 0, bound: families[0]?.family };
  });
  const all: Requests = {};
  for (const s of stages) for (const f of s.families) all[f.family] = (all[f.family] ?? 0) + f.requests;
  const floorSeconds = Math.max(0, ...timed(all, limits).map((f) => f.seconds));
  const objectsSeconds = stages.reduce((s, x) => s + x.seconds, 0);
  const i = INFRA_SECONDS;
  const infraSeconds =
    input.infrastructure === false
      ? 0
      : i.resourceGroup.seconds + Math.max(i.network.seconds, i.storage.seconds) + i.workspace.seconds;

  const act: Requests = {};
  for (const [kind, rate] of Object.entries(ACTIVATION_REQUESTS) as [
    keyof typeof ACTIVATION_REQUESTS,
    Requests,
  ][])
    add(act, rate, input.activation[kind] ?? 0);
  const actFamilies = timed(act, limits);
  const actSeconds = actFamilies[0]?.seconds ?? 0;

  const notEstimated = KIND_NAMES.filter((k) => n(k) > 0 && !COLD_REQUESTS[k]).map((kind) => ({
    kind,
    count: n(kind),
  }));
  return {
    cold: {
      infraSeconds,
      startSeconds: PULUMI_START_SECONDS,
      stages,
      objectsSeconds,
      floorSeconds,
      totalSeconds: infraSeconds + PULUMI_START_SECONDS + objectsSeconds,
    },
    activation: {
      startSeconds: PULUMI_START_SECONDS,
      changes: input.activation,
      families: actFamilies,
      objectsSeconds: actSeconds,
      totalSeconds: PULUMI_START_SECONDS + actSeconds,
    },
    batched,
    notEstimated,
    assumptions: assumptionsOf(input, limits, notEstimated),
  };
}

function assumptionsOf(
  input: RtoInput,
  limits: Record<Family, number>,
  missing: { kind: KindName }[],
): string[] {
  const i = INFRA_SECONDS;
  const out = [
    "Write limits per family are the client's table (client/families.ts): the published per-workspace figures " +
      "(workspace import 30/s, permissions PUT 30/s, jobs create 20/s, ...) and defaults for families without " +
      `one (SCIM writes ${limits["scim-write"]}/s, workspace writes ${limits["workspace-write"]}/s, ...); ` +
      `at most ${JOBS_CREATED_PER_HOUR.toLocaleString("en-US")} jobs created per hour.`,
    "Requests per object are the round trip's (report/rto-rates.ts): one resource per object below the " +
      "granularity thresholds, batches above them.",
    "Each family runs at its limit; the stages (identities and standalone objects, Unity Catalog, " +
      "workspace tree, pipelines, jobs, permissions) run one after the other, families within a stage side by side. Latency, retries and " +
      "Pulumi's own work per resource are not counted.",
    `Every \`pulumi up\` starts in ${PULUMI_START_SECONDS} s (CLI, plugins, program, state): an assumption.`,
    "Activation updates only what it changes: jobs with a trigger UNPAUSED in the primary, clusters and " +
      "warehouses whose auto-termination goes back to their own, pools with idle instances; passive " +
      "clusters are stopped by then, so no cluster restarts.",
  ];
  if (input.infrastructure !== false)
    out.push(
      "Infrastructure (assumed, not measured): " +
        Object.values(i)
          .map((x) => `${x.note} ${Math.round(x.seconds / 6) / 10} min`)
          .join("; ") +
        ". The network and the storage account are created side by side.",
    );
  else out.push("An existing workspace is adopted (existingWorkspace): no infrastructure to create.");
  if (KIND_NAMES.some((k) => k.startsWith("uc-") && (input.counts[k] ?? 0) > 0))
    out.push(
      `Unity Catalog writes at ${limits["unity-catalog-write"]}/s (no published figure: the client's default); ` +
        "requests per securable as the round trip sends them (created, then owner/isolation PATCHed; grants " +
        "read and PATCHed). Managed tables are data to replicate (not counted); functions and connections " +
        "are manual actions (nothing written).",
    );
  if (missing.length)
    out.push(`No measured rate for ${missing.map((m) => m.kind).join(", ")}: not in the estimate.`);
  return out;
}

/** The estimate's input from a snapshot (and the stack's start policy, kinds it leaves out, granularity). */
export function rtoInputOf(
  snap: Snapshot,
  opts: {
    excludedKinds?: KindName[];
    clusterStartPolicy?: ClusterStartPolicy;
    passiveAutoTerminationMinutes?: number;
    granularity?: Granularity;
    infrastructure?: boolean;
    /** false: the stack has no `unityCatalog` setting, so it writes no Unity Catalog securable. */
    unityCatalog?: boolean;
  } = {},
): RtoInput {
  const d = snap.descriptors;
  const out = (k: KindName) =>
    (opts.excludedKinds?.includes(k) ?? false) || (opts.unityCatalog === false && k.startsWith("uc-"));
  const counts: RtoInput["counts"] = {};
  for (const k of KIND_NAMES) if (!out(k)) counts[k] = (d[k] ?? []).length;
  if (opts.clusterStartPolicy === "skipAllPurpose") counts.cluster = 0;
  // Managed tables are data to replicate (the report's dataToReplicate), not written by the stack.
  const writtenTable = (t: { replication?: string }) => t.replication !== "data";
  if (!out("uc-table")) counts["uc-table"] = (d["uc-table"] ?? []).filter(writtenTable).length;
  const UC_GRANTED: KindName[] = [
    "uc-storage-credential",
    "uc-external-location",
    "uc-catalog",
    "uc-schema",
    "uc-table",
    "uc-volume",
  ];
  let ucGrants = 0;
  for (const k of UC_GRANTED)
    if (!out(k))
      for (const o of (d[k] ?? []) as { grants?: unknown[]; replication?: string }[])
        if ((o.grants?.length ?? 0) > 0 && writtenTable(o)) ucGrants++;
  const ucBindings = out("uc-catalog")
    ? 0
    : (d["uc-catalog"] ?? []).filter((c) => c.isolationMode === "ISOLATED").length;
  const ucDefaultNamespace = out("uc-metastore")
    ? 0
    : (d["uc-metastore"] ?? []).filter((m) => m.assignment?.defaultCatalogName).length;
  const aclsByType: Record<string, number> = {};
  if (!out("permissions"))
    for (const p of d.permissions ?? []) aclsByType[p.objectType] = (aclsByType[p.objectType] ?? 0) + 1;
  const policy = opts.clusterStartPolicy ?? DEFAULTS.clusterStartPolicy;
  const short = opts.passiveAutoTerminationMinutes ?? DEFAULTS.passiveAutoTerminationMinutes;
  // While passive an own setting that is absent, 0 (never) or above the short one is replaced by the short
  // one (clusters under noWait, warehouses unless keepOriginal): activation gives it back.
  const shortened = (own: unknown) => typeof own !== "number" || own === 0 || own > short;
  const count = <T>(k: KindName, items: T[] | undefined, p: (x: T) => boolean) =>
    out(k) ? 0 : (items ?? []).filter(p).length;
  const spec = (x: { spec: Record<string, unknown> }) => x.spec;
  return {
    counts,
    aclsByType,
    treeLeafFolders: out("directory") ? 0 : leafFolders(d),
    granularity: opts.granularity,
    infrastructure: opts.infrastructure,
    ucGrants,
    ucBindings,
    ucDefaultNamespace,
    activation: {
      job: count("job", d.job, (j) => Object.values(j.originalPause).includes("UNPAUSED")),
      cluster:
        policy === "skipAllPurpose"
          ? 0
          : count(
              "cluster",
              d.cluster,
              (c) => policy === "noWait" && shortened(spec(c).autotermination_minutes),
            ),
      "sql-warehouse": count(
        "sql-warehouse",
        d["sql-warehouse"],
        (w) => policy !== "keepOriginal" && shortened(spec(w).auto_stop_mins),
      ),
      "instance-pool": count(
        "instance-pool",
        d["instance-pool"],
        (p) => typeof spec(p).min_idle_instances === "number" && (spec(p).min_idle_instances as number) > 0,
      ),
      // An endpoint the passive policy scaled down gets its own config back (kinds/serving-endpoint/mapping.ts).
      "serving-endpoint": count("serving-endpoint", d["serving-endpoint"], (e) => {
        const config = e.settings.config as Record<string, unknown> | undefined;
        return !!config && applyServingPassive(JSON.parse(JSON.stringify(config)), false) > 0;
      }),
    },
  };
}

/** Folders that hold no other folder: the directories and the parents of notebooks and workspace files. */
function leafFolders(d: Snapshot["descriptors"]): number {
  const parentOf = (p: string) => p.slice(0, p.lastIndexOf("/")) || "/";
  const folders = new Set<string>((d.directory ?? []).map((x) => x.path));
  for (const o of [...(d.notebook ?? []), ...(d["workspace-file"] ?? [])]) folders.add(parentOf(o.path));
  folders.delete("/");
  const holding = new Set<string>();
  for (const f of folders) for (let p = parentOf(f); p !== "/"; p = parentOf(p)) holding.add(p);
  return [...folders].filter((f) => !holding.has(f)).length;
}
