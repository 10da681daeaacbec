import type { ClusterStartPolicy } from "../config/schema";

/** What the stack settings say about compute: shared by clusters, pools and warehouses. */
export interface ComputePolicy {
  activation: boolean;
  clusterStartPolicy: ClusterStartPolicy;
  /** Auto-termination (and warehouse auto-stop) while passive, for noWait. */
  passiveAutoTerminationMinutes: number;
}
