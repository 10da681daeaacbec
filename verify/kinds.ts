import { KindName } from "../kinds/common";
import { PERMISSION_OBJECT_TYPES } from "../kinds/permission-types";
import { asMultiTaskJob } from "../kinds/job/verify-legacy";
import {
  createdThroughApi,
  JOB_ORIGINAL_PAUSE_PATHS,
  JOB_PAUSE_PATHS,
  mustBePausedWhilePassive,
  pausedWhilePassive,
  setByTheService,
  stopsSoonerWhilePassive,
  filledByStack,
  zeroWhilePassive,
} from "./rules";
import {
  groupSourceMarker,
  STACK_POOL_SOURCE_TAG,
  STACK_SOURCE_TAG,
  stackSourceMarker,
} from "./source-marker";
import { UC_VERIFY_KINDS } from "./unity-catalog";
import { MODULE_VERIFY, UnmovedKind } from "../kinds/modules";
import { DIRECTORY_VERIFY } from "../kinds/directory/verify";
import { NOTEBOOK_VERIFY } from "../kinds/notebook/verify";
import { WORKSPACE_FILE_VERIFY } from "../kinds/workspace-file/verify";
import { REPO_VERIFY } from "../kinds/repo/verify";
import { DBFS_FILE_VERIFY } from "../kinds/dbfs-file/verify";
import { GLOBAL_INIT_SCRIPT_VERIFY } from "../kinds/global-init-script/verify";
import { SECRET_SCOPE_VERIFY } from "../kinds/secret-scope/verify";
import { WORKSPACE_CONF_VERIFY } from "../kinds/workspace-conf/verify";
import { portabilityRules, SPEC_PREFIXES } from "./compute-portability";

export type { KeyLookup, KindVerifySpec } from "./spec";
import type { KindVerifySpec } from "./spec";

const byName = { naturalKey: (d: { name: string }) => d.name, assignedIds: true } as const;
const PRINCIPAL_SETS = ["entitlements", "roles"] as const;

/** One entry per kind (typed over KindName, so a new kind fails to compile until verify knows it). */
const UNMOVED_VERIFY: { [K in UnmovedKind]: KindVerifySpec<K> } = {
  user: { naturalKey: (d) => d.userName, assignedIds: false, setFields: PRINCIPAL_SETS },
  group: {
    // Matched by name; ids are each workspace's SCIM ids (a rename in the primary is the same group).
    naturalKey: (d) => d.displayName,
    assignedIds: true,
    setFields: ["members", ...PRINCIPAL_SETS],
    expected: [groupSourceMarker()],
  },
  "service-principal": { naturalKey: (d) => d.applicationId, assignedIds: false, setFields: PRINCIPAL_SETS },
  directory: DIRECTORY_VERIFY,
  notebook: NOTEBOOK_VERIFY,
  "workspace-file": WORKSPACE_FILE_VERIFY,
  repo: REPO_VERIFY,
  "dbfs-file": DBFS_FILE_VERIFY,
  "cluster-policy": { ...byName, jsonStringFields: ["definition", "policyFamilyDefinitionOverrides"] },
  "instance-pool": {
    ...byName,
    setFields: ["spec.preloaded_spark_versions"],
    expected: [
      zeroWhilePassive(["spec.min_idle_instances"]),
      filledByStack(
        "spec.idle_instance_autotermination_minutes",
        60,
        "set to 60 by the stack (absent in the snapshot)",
      ),
      stackSourceMarker("pool", STACK_POOL_SOURCE_TAG, [
        "spec.custom_tags",
        `spec.custom_tags.${STACK_POOL_SOURCE_TAG}`,
      ]),
      ...portabilityRules(SPEC_PREFIXES["instance-pool"]),
    ],
  },
  cluster: {
    ...byName,
    setFields: ["libraries", "spec.ssh_public_keys"],
    expected: [
      stopsSoonerWhilePassive(["spec.autotermination_minutes"]),
      createdThroughApi("source"),
      setByTheService(["spec.disk_spec"], "reported by clusters/get, not a setting clusters/create takes"),
      stackSourceMarker("cluster", STACK_SOURCE_TAG, [
        "spec.custom_tags",
        `spec.custom_tags.${STACK_SOURCE_TAG}`,
      ]),
      ...portabilityRules(SPEC_PREFIXES.cluster),
    ],
  },
  job: {
    ...byName,
    keyedArrays: {
      "settings.tasks": "task_key",
      "settings.job_clusters": "job_cluster_key",
      "settings.parameters": "name",
      "settings.environments": "environment_key",
    },
    setFields: ["settings.tasks[].depends_on", "settings.tasks[].libraries"],
    absentMeans: {
      ...Object.fromEntries(JOB_PAUSE_PATHS.map((p) => [p, "UNPAUSED"])),
      // Older answers leave out empty notification blocks that newer ones spell {}.
      "settings.email_notifications": {},
      "settings.webhook_notifications": {},
    },
    expected: [
      pausedWhilePassive([...JOB_PAUSE_PATHS, ...JOB_ORIGINAL_PAUSE_PATHS]),
      setByTheService(["settings.format"], "set by the Jobs API (MULTI_TASK once a job has tasks)"),
      // components/dynamic/job-batch-impl.ts SOURCE_TAG: how the stack finds and adopts its own jobs.
      stackSourceMarker("job", STACK_SOURCE_TAG, ["settings.tags", `settings.tags.${STACK_SOURCE_TAG}`]),
      ...portabilityRules(SPEC_PREFIXES.job),
    ],
    checks: [mustBePausedWhilePassive(JOB_PAUSE_PATHS)],
    // A legacy single-task job (Jobs API 2.0) is the job with that one task, as 2.1 reports it.
    canonical: (d) => ({ ...d, settings: asMultiTaskJob(d.settings as Record<string, unknown>) }),
  },
  "global-init-script": GLOBAL_INIT_SCRIPT_VERIFY,
  "secret-scope": SECRET_SCOPE_VERIFY,
  "sql-warehouse": {
    ...byName,
    // A list of { key, value } pairs: matched by key, so the stack's marker at the end shifts no other.
    keyedArrays: { "spec.tags.custom_tags": "key" },
    expected: [
      stackSourceMarker("warehouse", STACK_SOURCE_TAG, [
        "spec.tags",
        "spec.tags.custom_tags",
        "spec.tags.custom_tags[]",
        "spec.tags.custom_tags[].value",
      ]),
      stopsSoonerWhilePassive(["spec.auto_stop_mins"]),
      setByTheService(["spec.auto_resume"], "legacy field the SQL warehouses API reports but does not take"),
    ],
  },
  "workspace-conf": WORKSPACE_CONF_VERIFY,
  permissions: {
    // The object the grants are on, by ITS natural key: `jobs:nightly etl`, `notebooks:/Shared/x`.
    naturalKey(d, keyOf) {
      const kind = PERMISSION_OBJECT_TYPES[d.objectType];
      return `${d.objectType}:${(kind && keyOf(kind, d.objectId)) ?? d.objectId}`;
    },
    assignedIds: true,
    setFields: ["acl"],
    belongsTo: (d) => PERMISSION_OBJECT_TYPES[d.objectType],
  },
  ...UC_VERIFY_KINDS,
};

/** One entry per kind (typed over KindName, so a new kind fails to compile until verify knows it). */
export const VERIFY_KINDS: { [K in KindName]: KindVerifySpec<K> } = { ...UNMOVED_VERIFY, ...MODULE_VERIFY };

export function verifySpec<K extends KindName>(kind: K): KindVerifySpec<K> {
  return VERIFY_KINDS[kind];
}
