import { KindName } from "../kinds/common";
import { Descriptor } from "../kinds/registry";
import { PERMISSION_OBJECT_TYPES } from "../kinds/permissions";
import { asMultiTaskJob } from "./legacy-job";
import { DiffShape } from "./diff";
import {
  createdThroughApi,
  ExpectedRule,
  JOB_ORIGINAL_PAUSE_PATHS,
  JOB_PAUSE_PATHS,
  mustBePausedWhilePassive,
  pausedWhilePassive,
  SecondaryCheck,
  secretValueSuppliedSeparately,
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
import { PIPELINE_VERIFY } from "../kinds/pipeline/verify";
import { SQL_QUERY_VERIFY } from "../kinds/sql-query/verify";
import { SQL_ALERT_VERIFY } from "../kinds/sql-alert/verify";
import { portabilityRules, SPEC_PREFIXES } from "./compute-portability";

/** The natural key another object of `kind` with source id `id` got in the same snapshot, if it is there. */
export type KeyLookup = (kind: KindName, id: string) => string | undefined;

/** How verify recognises, normalises and judges objects of one kind. */
export interface KindVerifySpec<K extends KindName> extends DiffShape {
  /** What names the same object in both workspaces; duplicates get ` #2`, ` #3`... by id order. */
  naturalKey(d: Descriptor<K>, keyOf: KeyLookup): string;
  /** Ids the workspace assigns (job ids, cluster ids): they differ by design and are not compared. */
  assignedIds: boolean;
  /** Fields holding a JSON document as a string: compared parsed, so key order and spacing do not count. */
  jsonStringFields?: readonly string[];
  expected?: readonly ExpectedRule[];
  checks?: readonly SecondaryCheck[];
  /** The kind of the object this one belongs to: missing with it when that kind is not replicated. */
  belongsTo?(d: Descriptor<K>): KindName | null;
  /** One spelling for what the API accepts in several (after references are rewritten; on a copy). */
  canonical?(d: Record<string, unknown>): Record<string, unknown>;
}

const byName = { naturalKey: (d: { name: string }) => d.name, assignedIds: true } as const;
const byPath = { naturalKey: (d: { path: string }) => d.path, assignedIds: false } as const;
const PRINCIPAL_SETS = ["entitlements", "roles"] as const;

/** One entry per kind (typed over KindName, so a new kind fails to compile until verify knows it). */
export const VERIFY_KINDS: { [K in KindName]: KindVerifySpec<K> } = {
  user: { naturalKey: (d) => d.userName, assignedIds: false, setFields: PRINCIPAL_SETS },
  group: {
    // Matched by name; ids are each workspace's SCIM ids (a rename in the primary is the same group).
    naturalKey: (d) => d.displayName,
    assignedIds: true,
    setFields: ["members", ...PRINCIPAL_SETS],
    expected: [groupSourceMarker()],
  },
  "service-principal": { naturalKey: (d) => d.applicationId, assignedIds: false, setFields: PRINCIPAL_SETS },
  directory: byPath,
  notebook: byPath,
  "workspace-file": byPath,
  repo: { ...byPath, setFields: ["sparseCheckoutPatterns"] },
  "dbfs-file": { naturalKey: (d) => d.id, assignedIds: false },
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
  "global-init-script": byName,
  "secret-scope": {
    naturalKey: (d) => d.name,
    assignedIds: false,
    setFields: ["keys", "acls"],
    expected: [secretValueSuppliedSeparately("keys[]")],
  },
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
  "workspace-conf": { naturalKey: (d) => d.id, assignedIds: false },
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
  pipeline: PIPELINE_VERIFY,
  "sql-query": SQL_QUERY_VERIFY,
  "sql-alert": SQL_ALERT_VERIFY,
};

export function verifySpec<K extends KindName>(kind: K): KindVerifySpec<K> {
  return VERIFY_KINDS[kind];
}
