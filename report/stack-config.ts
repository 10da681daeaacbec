import * as fs from "node:fs";
import { KIND_NAMES, KindName } from "../kinds/common";
import { parse } from "yaml";
import type { VerifyStorageMap } from "../verify/uc-storage";
import { RtoSettings, rtoSettingsOf } from "./rto-settings";
import {
  CLUSTER_START_POLICIES,
  ClusterStartPolicy,
  CONFIG_NAMESPACE,
  MountConfig,
} from "../components/config/schema";

/**
 * What the report needs from a stack's settings file (Pulumi.<stack>.yaml), read without Pulumi: mounts
 * (they have no REST API, so config is their only record), which secret values are set (their names only:
 * values stay encrypted and are never read), and the cluster start policy.
 */
export interface StackSettings {
  file: string;
  mounts: MountConfig[];
  /** `scope/key` of every secret value set with `--path`; undefined when the keys cannot be seen. */
  secretsSet?: Set<string>;
  clusterStartPolicy?: ClusterStartPolicy;
  passiveAutoTerminationMinutes?: number;
  activation?: boolean;
  /** Kinds the stack leaves out (`excludeKinds`, or every kind not in `includeKinds`). */
  excludedKinds: KindName[];
  /** `storageMap` as set (its accounts explain the Unity Catalog locations verify sees rewritten). */
  storageMap?: VerifyStorageMap;
  /** `nodeTypeMap` as set (verify expects the node types it maps). */
  nodeTypeMap?: Record<string, string>;
  /** Granularity and existingWorkspace, for the RTO estimate (report/rto-settings.ts). */
  rto?: RtoSettings;
}

/** Pulumi keeps a value set without --path as a string (JSON for structured ones), with --path as YAML. */
function structured(v: unknown): unknown {
  if (typeof v !== "string") return v;
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}

const isSecure = (v: unknown) => !!v && typeof v === "object" && "secure" in (v as object);

export function parseStackSettings(text: string, file: string): StackSettings {
  const doc = (parse(text) ?? {}) as { config?: Record<string, unknown> };
  const config = doc.config ?? {};
  const get = (key: string) => config[`${CONFIG_NAMESPACE}:${key}`];
  const fail = (key: string, why: string) => new Error(`${file}: ${CONFIG_NAMESPACE}:${key}: ${why}`);

  const mountsRaw = structured(get("mounts")) ?? [];
  if (!Array.isArray(mountsRaw)) throw fail("mounts", "expected a list of {name, container, directory?}");
  const mounts = mountsRaw.map((m, i) => {
    if (!m || typeof m !== "object" || typeof (m as MountConfig).name !== "string")
      throw fail(`mounts[${i}]`, "expected {name, container, directory?, storageAccount?}");
    return m as MountConfig;
  });

  let secretsSet: Set<string> | undefined;
  const secrets = get("secrets");
  if (secrets === undefined) secretsSet = new Set();
  else if (!isSecure(secrets) && typeof secrets === "object") {
    secretsSet = new Set();
    for (const [scope, keys] of Object.entries(secrets as Record<string, unknown>))
      if (keys && typeof keys === "object")
        for (const key of Object.keys(keys)) secretsSet.add(`${scope}/${key}`);
  }

  const policy = get("clusterStartPolicy");
  if (policy !== undefined && !(CLUSTER_START_POLICIES as readonly unknown[]).includes(policy))
    throw fail("clusterStartPolicy", `expected one of ${CLUSTER_START_POLICIES.join(", ")}`);
  const kinds = (key: string): KindName[] | undefined => {
    const v = structured(get(key));
    if (v === undefined) return undefined;
    const list = Array.isArray(v)
      ? v
      : String(v)
          .split(",")
          .map((x) => x.trim());
    const bad = list.filter((k) => !(KIND_NAMES as readonly unknown[]).includes(k));
    if (bad.length) throw fail(key, `unknown kind(s) ${bad.join(", ")}`);
    return list as KindName[];
  };
  const include = kinds("includeKinds");
  const excludedKinds = [
    ...new Set([
      ...(kinds("excludeKinds") ?? []),
      ...(include ? KIND_NAMES.filter((k) => !include.includes(k)) : []),
    ]),
  ];
  const minutes = get("passiveAutoTerminationMinutes");
  const activation = get("activation");
  return {
    file,
    mounts,
    secretsSet,
    clusterStartPolicy: policy as ClusterStartPolicy | undefined,
    passiveAutoTerminationMinutes: minutes === undefined ? undefined : Number(minutes),
    activation: activation === undefined ? undefined : String(activation) === "true",
    excludedKinds,
    rto: rtoSettingsOf(file, structured(get("granularity")), get("existingWorkspace")),
    storageMap: storageMapOf(structured(get("storageMap")), fail),
    nodeTypeMap: nodeTypeMapOf(structured(get("nodeTypeMap")), fail),
  };
}

/** The storage map's accounts, checked only as far as verify reads them (the stack validates the rest). */
function storageMapOf(v: unknown, fail: (key: string, why: string) => Error): VerifyStorageMap | undefined {
  if (v === undefined) return undefined;
  if (!v || typeof v !== "object" || Array.isArray(v))
    throw fail("storageMap", "expected {accounts?, catalogs?, mounts?}");
  const accounts = (v as { accounts?: unknown }).accounts;
  if (accounts !== undefined && (!accounts || typeof accounts !== "object" || Array.isArray(accounts)))
    throw fail(
      "storageMap.accounts",
      "expected {<primary account>: keep | <account> | {account, containers?}}",
    );
  const names = (k: "catalogs" | "mounts") => {
    const m = (v as Record<string, unknown>)[k];
    return m && typeof m === "object" && !Array.isArray(m) ? (m as Record<string, string>) : undefined;
  };
  return {
    accounts: accounts as VerifyStorageMap["accounts"],
    catalogs: names("catalogs"),
    mounts: names("mounts"),
  };
}

/** Non-Azure node type -> Azure node type, as far as verify reads it (the stack validates the names). */
function nodeTypeMapOf(
  v: unknown,
  fail: (key: string, why: string) => Error,
): Record<string, string> | undefined {
  if (v === undefined) return undefined;
  if (!v || typeof v !== "object" || Array.isArray(v) || Object.values(v).some((x) => typeof x !== "string"))
    throw fail("nodeTypeMap", 'expected {<node type>: "<Azure node type>"}');
  return v as Record<string, string>;
}

export function readStackSettings(file: string): StackSettings {
  return parseStackSettings(fs.readFileSync(file, "utf8"), file);
}
