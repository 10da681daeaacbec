import { KindName } from "../kinds/common";
import { Manifest } from "../snapshot/manifest";
import { getAt } from "./paths";
import { FieldDiff } from "./diff";
import type { VerifyStorageMap } from "./uc-storage";

/** How the stack started the secondary's clusters (the stack config's values, spelled out here). */
export type ClusterStartPolicy = "noWait" | "skipAllPurpose" | "keepOriginal";

/** passive: the secondary waits, schedules paused; active: after cutover, the secondary runs the jobs. */
export type VerifyMode = "passive" | "active";

export interface RuleContext {
  mode: VerifyMode;
  kind: KindName;
  /** The object's natural key (name, path, userName...). */
  key: string;
  primaryManifest: Manifest;
  /** The stack's `databricks-dr:clusterStartPolicy`. */
  clusterStartPolicy: ClusterStartPolicy;
  /** The stack's `databricks-dr:storageMap`, when verify was given it (Unity Catalog locations). */
  storageMap?: VerifyStorageMap;
  /** The stack's `databricks-dr:nodeTypeMap` (non-Azure node type -> Azure), when verify was given it. */
  nodeTypeMap?: Record<string, string>;
  /** The primary object's id (its source id), when the primary has the object. */
  primaryId?: string;
}

/** A difference the design produces on purpose: shown apart, never counted. */
export interface ExpectedRule {
  /** Stable id for CI consumers of `--json`. */
  id: string;
  /** Generic field paths (`settings.schedule.pause_status`, `keys[]`) the rule can explain. */
  paths: readonly string[];
  /** The reason when `d` is expected in this context, otherwise undefined. */
  explain(d: FieldDiff, ctx: RuleContext): string | undefined;
}

/** A property the secondary must have whatever the primary holds (not a difference between the two). */
export interface SecondaryCheck {
  id: string;
  check(secondary: unknown, primary: unknown, ctx: RuleContext): (FieldDiff & { note: string })[];
}

const PAUSE_FIELDS = ["schedule", "continuous", "trigger"] as const;
export const JOB_PAUSE_PATHS = PAUSE_FIELDS.map((t) => `settings.${t}.pause_status`);
/** The secondary's own export records its (paused) states as `originalPause`. */
export const JOB_ORIGINAL_PAUSE_PATHS = PAUSE_FIELDS.map((t) => `originalPause.${t}`);

/** While passive the stack pauses every trigger the primary runs; the original state returns on activation. */
export function pausedWhilePassive(paths: readonly string[]): ExpectedRule {
  return {
    id: "paused-while-passive",
    paths,
    explain: (d, ctx) =>
      ctx.mode === "passive" && d.secondary === "PAUSED" && (d.primary ?? "UNPAUSED") === "UNPAUSED"
        ? "paused while the secondary is passive (restored on activation)"
        : undefined,
  };
}

/** Every trigger the secondary holds must be PAUSED while passive, or both regions run the job. */
export function mustBePausedWhilePassive(paths: readonly string[]): SecondaryCheck {
  return {
    id: "unpaused-while-passive",
    check(secondary, primary, ctx) {
      if (ctx.mode !== "passive") return [];
      return paths.flatMap((p) => {
        const trigger = p.slice(0, p.lastIndexOf("."));
        if (getAt(secondary, trigger) === undefined) return [];
        const value = getAt(secondary, p) ?? "UNPAUSED";
        if (value === "PAUSED") return [];
        return [
          {
            path: p,
            primary: getAt(primary, p) ?? (getAt(primary, trigger) === undefined ? undefined : "UNPAUSED"),
            secondary: value,
            note: "must be PAUSED while the secondary is passive: both regions would run it",
          },
        ];
      });
    },
  };
}

/** Instance pools keep no idle instances while passive, so an idle DR region costs nothing. */
export function zeroWhilePassive(paths: readonly string[]): ExpectedRule {
  return {
    id: "no-idle-while-passive",
    paths,
    explain: (d, ctx) =>
      ctx.mode === "passive" && (d.secondary ?? 0) === 0 && typeof d.primary === "number" && d.primary > 0
        ? "no idle instances while the secondary is passive"
        : undefined,
  };
}

/**
 * Clusters and warehouses start when created (there is no API to create one stopped): while passive, the
 * stack's noWait start policy gives them `passiveAutoTerminationMinutes`, so the secondary's stop sooner
 * (0 or absent means never). On activation, and with keepOriginal, they keep their own.
 */
export function stopsSoonerWhilePassive(paths: readonly string[]): ExpectedRule {
  return {
    id: "start-policy-autotermination",
    paths,
    explain(d, ctx) {
      if (ctx.mode !== "passive" || ctx.clusterStartPolicy === "keepOriginal") return undefined;
      const p = typeof d.primary === "number" ? d.primary : 0;
      const s = d.secondary;
      if (typeof s !== "number" || s <= 0 || (p > 0 && s >= p)) return undefined;
      return "start policy: stops sooner while the secondary is passive";
    },
  };
}

/**
 * The stack creates clusters through the REST API, so the secondary's export says `source: API` for a
 * cluster someone made in the primary's UI: how it was made, not what it is.
 */
export function createdThroughApi(path: string): ExpectedRule {
  return {
    id: "created-through-api",
    paths: [path],
    explain: (d) =>
      d.primary === "UI" && d.secondary === "API"
        ? "created through the API by the stack (cluster_source records how, not what)"
        : undefined,
  };
}

/**
 * Fields the API reports but no create call takes (the provider's schema has no argument for them): the
 * secondary's come from the service, whatever the primary's say.
 */
export function setByTheService(paths: readonly string[], why: string): ExpectedRule {
  return { id: "set-by-the-service", paths, explain: () => why };
}

/** A setting absent from the snapshot that the stack fills with a default of its own. */
export function filledByStack(path: string, value: unknown, why: string): ExpectedRule {
  return {
    id: "stack-default",
    paths: [path],
    explain: (d) => (d.primary === undefined && d.secondary === value ? why : undefined),
  };
}

/** Secret values are never exported: a key exists in the secondary once its value is supplied in config. */
export function secretValueSuppliedSeparately(path: string): ExpectedRule {
  return {
    id: "secret-value-not-supplied",
    paths: [path],
    explain(d, ctx) {
      if (typeof d.primary !== "string" || d.secondary !== undefined) return undefined;
      const needed = ctx.primaryManifest.secretsNeeded.some(
        (s) => s.scope === ctx.key && s.key === d.primary,
      );
      return needed ? "secret value supplied separately (manifest secretsNeeded), not set yet" : undefined;
    },
  };
}

/** SCIM principals' unordered lists (users, groups, service principals). */
export const PRINCIPAL_SETS = ["entitlements", "roles"] as const;
