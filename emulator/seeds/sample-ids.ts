import { Obj } from "../state/types";
import { WorkspaceState } from "../state/workspace-state";

/** 2025-01-01T00:00:00Z: every timestamp the sample sets is relative to it, so it loads the same each time. */
export const SAMPLE_T0 = 1735689600000;
export const DAY = 24 * 3600 * 1000;

/** Secret values planted in the sample: tests search snapshots and logs for them (never found). */
export const SAMPLE_SECRET_VALUES = [
  "PLANTED-db-password-7f3a9c",
  "PLANTED-storage-key-b41e2d",
  "PLANTED-api-token-0c88aa",
];

export const SAMPLE_IDS = {
  sharedCluster: "0101-120000-shared01",
  etlApiCluster: "0101-120000-etlapi02",
  analyticsCluster: "0101-120000-analyt03",
  jobCluster: "0101-120000-jobrun04",
  sqlCluster: "0101-120000-sqlwh005",
  pipelineCluster: "0101-120000-dltpl006",
  jobsPolicy: "E0631F5C0D000001",
  personalPolicy: "E0631F5C0D000002",
  generalPool: "0101-120000-brick1-pool-a1b2c3d4",
  driverPool: "0101-120000-brick2-pool-e5f6a7b8",
  warehouse: "a1b2c3d4e5f60718",
  pipeline: "5f3c2a10-8d4e-4c1b-9a77-2e5b6c7d8e9f",
  jobs: {
    nightlyEtl: 311111111111101,
    hourlyReport: 311111111111102,
    streaming: 311111111111103,
    fileArrival: 311111111111104,
    maintenance: 311111111111105,
  },
  spApplicationId: "9f0c2b1e-3d4a-4b5c-8e6f-7a8b9c0d1e2f",
};

/** The sample's people, made first: the other parts name them as creators, owners and grantees. */
export interface SamplePeople {
  admin: Obj;
  alice: Obj;
  bob: Obj;
  carol: Obj;
  dave: Obj;
  etlSp: Obj;
}

/** What every part of the sample is given: the state, the shared clock (one tick per object) and the people. */
export interface SampleContext {
  state: WorkspaceState;
  tick: () => number;
  people: SamplePeople;
}
