import type * as pulumi from "@pulumi/pulumi";
import type { CatalogArgs, JobArgs } from "@pulumi/databricks";
import type { UcTableDescriptor } from "../../kinds/unity-catalog/table";
import type { UnityCatalogConfig } from "../config/unity-catalog";

type DeepCloneConfig = NonNullable<UnityCatalogConfig["deepClone"]>;

/** A managed table's data, as the stack's `dataToReplicate` output lists it (MLflow runs and versions too). */
export interface DataToReplicate {
  kind: "uc-table" | "uc-volume" | "mlflow-experiment" | "mlflow-model";
  id: string;
  fullName: string;
  sizeBytes?: number;
  remedy: string;
  /** True when the deep-clone job copies it. */
  clonedByJob: boolean;
}

/** A SQL identifier in backticks (a backtick inside doubled). */
export const quoteIdent = (s: string) => `\`${s.replace(/`/g, "``")}\``;
const qualified = (...parts: string[]) => parts.map(quoteIdent).join(".");

/** The secondary's catalog reading a primary catalog's share (one per shared primary catalog). */
export const shareCatalogName = (catalog: string) => `${catalog}_dr_share`;

export function shareCatalogArgs(catalog: string, share: string, cfg: DeepCloneConfig): CatalogArgs {
  return {
    name: shareCatalogName(catalog),
    providerName: cfg.providerName,
    shareName: share,
    comment: `databricks-dr: ${catalog}'s managed tables shared by the primary, for the deep-clone job`,
  };
}

/**
 * The clone notebook's SQL: each managed table whose catalog has a share is deep-cloned from the share's
 * catalog into the same full name. A deep clone run again copies only what changed since the last run.
 * Tables whose catalog has no share are returned apart (they stay manual actions).
 */
export function deepCloneSql(
  tables: UcTableDescriptor[],
  shares: Record<string, string>,
): { sql: string; cloned: UcTableDescriptor[]; uncovered: UcTableDescriptor[] } {
  const cloned = tables.filter((t) => Object.prototype.hasOwnProperty.call(shares, t.catalogName));
  const uncovered = tables.filter((t) => !cloned.includes(t));
  const statements = [...cloned]
    .sort((a, b) => (a.fullName < b.fullName ? -1 : a.fullName > b.fullName ? 1 : 0))
    .map(
      (t) =>
        `CREATE OR REPLACE TABLE ${qualified(t.catalogName, t.schemaName, t.name)}\n` +
        `  DEEP CLONE ${qualified(shareCatalogName(t.catalogName), t.schemaName, t.name)};`,
    );
  const header =
    "-- Databricks notebook source\n" +
    "-- databricks-dr: managed tables deep-cloned from the primary through Delta Sharing (generated).\n";
  return { sql: header + statements.join("\n\n-- COMMAND ----------\n\n") + "\n", cloned, uncovered };
}

/**
 * The clone job's schedule: PAUSED once the secondary is active (the primary is gone, and a clone would
 * overwrite what the secondary now writes); while passive, paused like every replicated schedule unless
 * runWhilePassive (the clone is only useful while the primary is up).
 */
export function clonePauseStatus(activation: boolean, cfg: DeepCloneConfig): "PAUSED" | "UNPAUSED" {
  if (activation) return "PAUSED";
  return cfg.runWhilePassive ? "UNPAUSED" : "PAUSED";
}

export function deepCloneJobArgs(
  notebookPath: pulumi.Input<string>,
  warehouseId: pulumi.Input<string>,
  cfg: DeepCloneConfig,
  activation: boolean,
): JobArgs {
  return {
    name: "databricks-dr: deep-clone managed tables",
    tasks: [{ taskKey: "deep_clone", notebookTask: { notebookPath, warehouseId } }],
    schedule: {
      quartzCronExpression: cfg.schedule,
      timezoneId: cfg.timezone,
      pauseStatus: clonePauseStatus(activation, cfg),
    },
    maxConcurrentRuns: 1,
    tags: { "databricks-dr": "deep-clone" },
  };
}
