import { ApiObject } from "../kinds/common";
import { ClusterDescriptor } from "../kinds/cluster/schema";
import { InstancePoolDescriptor } from "../kinds/instance-pool/schema";
import { SqlWarehouseDescriptor } from "../kinds/sql-warehouse/schema";
import { ClusterStartPolicy, DEFAULTS } from "../components/config/schema";
import { DBU_PRICE_ALL_PURPOSE, nodeHourly, nodePrice } from "./prices";

/**
 * Clusters and SQL warehouses start when created (there is no API to create one stopped), so every replica
 * runs until it auto-terminates: this is the money a sync that creates them puts at risk.
 */
export interface ComputeExposure {
  kind: "cluster" | "sql-warehouse";
  name: string;
  id: string;
  /** What it runs on, e.g. `1 × Standard_DS3_v2 + 2 × Standard_DS3_v2` or `Small`. */
  size: string;
  /** USD per hour while it runs; undefined when the size is not in the price table. */
  hourlyUsd?: number;
  /** Minutes until it stops in the secondary; undefined: never (it runs until someone stops it). */
  stopsAfterMin?: number;
  /** Its own setting in the primary (undefined: never). */
  ownStopMin?: number;
  /** USD one creation costs until it stops; undefined when it never stops or the price is unknown. */
  perStartUsd?: number;
  /** Prices estimated from the vCPU count (node type not in the table). */
  estimated: boolean;
}

/** DBUs per hour per SQL warehouse cluster size (one cluster), charged at the same Premium rate. */
export const WAREHOUSE_DBU: Readonly<Record<string, number>> = {
  "2X-Small": 4,
  "X-Small": 6,
  Small: 12,
  Medium: 24,
  Large: 40,
  "X-Large": 80,
  "2X-Large": 144,
  "3X-Large": 272,
  "4X-Large": 528,
};

export interface StartPolicy {
  clusterStartPolicy: ClusterStartPolicy;
  passiveAutoTerminationMinutes: number;
  activation: boolean;
}

export const DEFAULT_START_POLICY: StartPolicy = {
  clusterStartPolicy: DEFAULTS.clusterStartPolicy,
  passiveAutoTerminationMinutes: DEFAULTS.passiveAutoTerminationMinutes,
  activation: false,
};

const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : undefined);

/** Mirrors the stack: while passive (noWait) a replica stops after the short idle time, else its own. */
export function stopsAfter(own: number | undefined, p: StartPolicy): number | undefined {
  const mine = own && own > 0 ? own : undefined;
  if (p.activation || p.clusterStartPolicy === "keepOriginal") return mine;
  return mine === undefined || mine > p.passiveAutoTerminationMinutes
    ? p.passiveAutoTerminationMinutes
    : mine;
}

function clusterExposure(
  c: ClusterDescriptor,
  pools: Map<string, ApiObject>,
  p: StartPolicy,
): ComputeExposure {
  const spec = c.spec;
  const poolNode = (k: string) => {
    const id = spec[k];
    return typeof id === "string" ? (pools.get(id)?.node_type_id as string | undefined) : undefined;
  };
  const worker = (spec.node_type_id as string | undefined) ?? poolNode("instance_pool_id");
  const driver =
    (spec.driver_node_type_id as string | undefined) ?? poolNode("driver_instance_pool_id") ?? worker;
  const autoscale = spec.autoscale as ApiObject | undefined;
  const workers = num(spec.num_workers) ?? num(autoscale?.min_workers) ?? 0;
  const dp = driver ? nodePrice(driver) : undefined;
  const wp = worker ? nodePrice(worker) : undefined;
  const hourlyUsd =
    dp && (workers === 0 || wp) ? nodeHourly(dp) + (wp ? workers * nodeHourly(wp) : 0) : undefined;
  const ownStopMin = num(spec.autotermination_minutes) || undefined;
  const stopsAfterMin = stopsAfter(ownStopMin, p);
  return {
    kind: "cluster",
    name: c.name,
    id: c.id,
    size: `driver ${driver ?? "?"}${workers ? ` + ${workers} × ${worker ?? "?"}` : " (single node)"}`,
    hourlyUsd,
    stopsAfterMin,
    ownStopMin,
    perStartUsd: hourlyUsd !== undefined && stopsAfterMin ? (hourlyUsd * stopsAfterMin) / 60 : undefined,
    estimated: !!(dp?.estimated || (workers && wp?.estimated)),
  };
}

function warehouseExposure(w: SqlWarehouseDescriptor, p: StartPolicy): ComputeExposure {
  const size = String(w.spec.cluster_size ?? "?");
  const clusters = num(w.spec.min_num_clusters) ?? 1;
  const dbu = WAREHOUSE_DBU[size];
  const hourlyUsd = dbu === undefined ? undefined : dbu * clusters * DBU_PRICE_ALL_PURPOSE;
  const ownStopMin = num(w.spec.auto_stop_mins) || undefined;
  const stopsAfterMin = stopsAfter(ownStopMin, p);
  return {
    kind: "sql-warehouse",
    name: w.name,
    id: w.id,
    size: clusters > 1 ? `${size} × ${clusters}` : size,
    hourlyUsd,
    stopsAfterMin,
    ownStopMin,
    perStartUsd: hourlyUsd !== undefined && stopsAfterMin ? (hourlyUsd * stopsAfterMin) / 60 : undefined,
    estimated: false,
  };
}

/** Every replica that starts on create, most expensive per start first (never-stopping ones on top). */
export function computeExposure(
  d: {
    cluster: ClusterDescriptor[];
    "instance-pool": InstancePoolDescriptor[];
    "sql-warehouse": SqlWarehouseDescriptor[];
  },
  policy: StartPolicy = DEFAULT_START_POLICY,
): ComputeExposure[] {
  const pools = new Map(d["instance-pool"].map((x) => [x.id, x.spec]));
  const clusters = policy.clusterStartPolicy === "skipAllPurpose" ? [] : d.cluster;
  const all = [
    ...clusters.map((c) => clusterExposure(c, pools, policy)),
    ...d["sql-warehouse"].map((w) => warehouseExposure(w, policy)),
  ];
  const rank = (x: ComputeExposure) => (x.stopsAfterMin === undefined ? Infinity : (x.perStartUsd ?? 0));
  return all.sort((a, b) => rank(b) - rank(a) || a.name.localeCompare(b.name));
}
