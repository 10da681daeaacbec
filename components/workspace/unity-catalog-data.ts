import * as pulumi from "@pulumi/pulumi";
import * as databricks from "@pulumi/databricks";
import type { UcVolumeDescriptor } from "../../kinds/unity-catalog/volume";
import type { UcTableDescriptor } from "../../kinds/unity-catalog/table";
import { MANAGED_TABLE_REMEDY } from "../../kinds/unity-catalog/table";
import type { UcFunctionDescriptor } from "../../kinds/unity-catalog/function";
import { Mapping, skip } from "../mapping/refs";
import { accountsNeedingAccess, storageAccountOf } from "../mapping/uc-locations";
import { volumeArgs } from "../mapping/uc-securables";
import { functionAction, tableArgs } from "../mapping/uc-tables";
import { DataToReplicate, deepCloneJobArgs, deepCloneSql, shareCatalogArgs } from "../mapping/uc-deep-clone";
import { objectOptions, provisionEach, ReplicaContext, resourceName, skipObject } from "./context";
import { grantOn, skipAll, UC_NOT_CONFIGURED } from "./unity-catalog";
import { SchemaPlace, UcState, ucState } from "./unity-catalog-state";
import { locationDeps, principalDeps } from "./uc-dependencies";

/** The clone notebook's path in the secondary. */
export const DEEP_CLONE_NOTEBOOK = "/Shared/databricks-dr/deep-clone-managed-tables";
const VOLUME_REMEDY = "copy its files into the secondary's volume (or share the volume with Delta Sharing)";

function placeOf(
  state: UcState,
  ctx: ReplicaContext,
  d: { schemaId?: string; catalogName: string; schemaName: string },
): SchemaPlace | string {
  if (!d.schemaId) return `its schema ${d.catalogName}.${d.schemaName} is not in the snapshot`;
  return (
    state.schemas.get(d.schemaId) ??
    `its schema ${d.catalogName}.${d.schemaName}: ${ctx.registry.whyMissing("uc-schema", d.schemaId)}`
  );
}

const fullNameOf = (r: {
  catalogName: pulumi.Output<string>;
  schemaName: pulumi.Output<string>;
  name: pulumi.Output<string>;
}) => pulumi.interpolate`${r.catalogName}.${r.schemaName}.${r.name}`;

function mapped<A extends { storageLocation?: unknown }>(state: UcState, m: Mapping<A>): Mapping<A> {
  if (m.ok && typeof m.args.storageLocation === "string")
    state.accounts.add(storageAccountOf(m.args.storageLocation) ?? "");
  return m;
}

export function provisionUcVolumes(
  items: UcVolumeDescriptor[],
  ctx: ReplicaContext,
  parent: pulumi.Resource,
) {
  const state = ucState(ctx);
  if (!state) return skipAll("uc-volume", items, ctx, UC_NOT_CONFIGURED);
  provisionEach("uc-volume", items, ctx, parent, {
    map: (d): Mapping<databricks.VolumeArgs> => {
      const place = placeOf(state, ctx, d);
      return typeof place === "string"
        ? skip(place)
        : mapped(state, volumeArgs(d, place, state.setup.storageMap));
    },
    prefix: "uc-volume",
    create: (name, args, opts) => new databricks.Volume(name, args, opts),
    dependsOn: (d) => [...locationDeps(state), ...principalDeps(ctx, [d.owner])],
    value: (r) => fullNameOf(r),
    label: (d) => d.fullName,
    then: (d, _args, r) => {
      grantOn(ctx, parent, "uc-volume", d.id, fullNameOf(r), d.grants, r);
      if (d.dataToReplicate)
        state.dataToReplicate.push({
          kind: "uc-volume",
          id: d.id,
          fullName: d.fullName,
          remedy: VOLUME_REMEDY,
          clonedByJob: false,
        });
    },
  });
}

/**
 * External tables and views become SqlTable resources; managed tables are data, handled once all tables
 * are seen (finishUnityCatalog): the deep-clone job, or a manual action with the remedy.
 */
export function provisionUcTables(items: UcTableDescriptor[], ctx: ReplicaContext, parent: pulumi.Resource) {
  const state = ucState(ctx);
  if (!state) return skipAll("uc-table", items, ctx, UC_NOT_CONFIGURED);
  const managed = items.filter((d) => d.replication === "data");
  ctx.report.seen("uc-table", managed.length);
  state.managedTables.push(...managed);
  const warehouseId = warehouseOf(ctx, state);
  provisionEach(
    "uc-table",
    items.filter((d) => d.replication !== "data"),
    ctx,
    parent,
    {
      map: (d): Mapping<databricks.SqlTableArgs> => {
        const place = placeOf(state, ctx, d);
        if (typeof place === "string") return skip(place);
        return mapped(state, tableArgs(d, { ...place, warehouseId }, state.setup.storageMap));
      },
      prefix: "uc-table",
      create: (name, args, opts) => new databricks.SqlTable(name, args, opts),
      dependsOn: (d) => [...locationDeps(state), ...principalDeps(ctx, [d.owner])],
      value: (r) => fullNameOf(r),
      label: (d) => d.fullName,
      then: (d, _args, r) => grantOn(ctx, parent, "uc-table", d.id, fullNameOf(r), d.grants, r),
    },
  );
}

/** The configured warehouse's secondary id (it is given by its primary id), reported once when missing. */
function warehouseOf(ctx: ReplicaContext, state: UcState): pulumi.Input<string> | undefined {
  const id = state.setup.config.warehouse;
  if (!id) return undefined;
  const w = ctx.registry.get("sql-warehouse", id);
  if (!w)
    ctx.report.action(
      "config",
      "unityCatalog.warehouse",
      `warehouse ${id} is not replicated (${ctx.registry.whyMissing("sql-warehouse", id)}): table SQL runs on a cluster the provider starts`,
    );
  return w?.value;
}

export function provisionUcFunctions(items: UcFunctionDescriptor[], ctx: ReplicaContext) {
  if (!ucState(ctx)) return skipAll("uc-function", items, ctx, UC_NOT_CONFIGURED);
  ctx.report.seen("uc-function", items.length);
  for (const d of items) skipObject(ctx, "uc-function", d.id, functionAction(d));
}

/**
 * After every Unity Catalog kind: the managed tables' data (the deep-clone job, or a manual action each),
 * and the storage accounts the secondary's connector must be granted besides its own.
 */
export function finishUnityCatalog(ctx: ReplicaContext, parent: pulumi.Resource): void {
  const state = ucState(ctx);
  if (!state) return;
  const cfg = state.setup.config;
  const job = cfg.deepCloneJob && cfg.deepClone ? deepCloneJob(ctx, state, parent) : new Set<string>();
  for (const t of state.managedTables) {
    const cloned = job.has(t.id);
    state.dataToReplicate.push({
      kind: "uc-table",
      id: t.id,
      fullName: t.fullName,
      ...(t.managedData?.sizeBytes !== undefined ? { sizeBytes: t.managedData.sizeBytes } : {}),
      remedy: t.managedData?.remedy ?? MANAGED_TABLE_REMEDY,
      clonedByJob: cloned,
    });
    const size = t.managedData?.sizeBytes !== undefined ? ` (${t.managedData.sizeBytes} bytes)` : "";
    if (cloned) {
      ctx.report.replicated("uc-table");
      ctx.report.action(
        "uc-table",
        t.id,
        `managed table${size}: its data is copied by the deep-clone job; its grants apply once it exists (pulumi up again)`,
      );
    } else
      skipObject(
        ctx,
        "uc-table",
        t.id,
        `managed table${size}, data to replicate: ${t.managedData?.remedy ?? MANAGED_TABLE_REMEDY}`,
      );
  }
  ctx.report.dataToReplicate.push(...state.dataToReplicate);
  for (const account of accountsNeedingAccess(state.accounts, state.setup.secondaryStorageAccount))
    ctx.report.action(
      "config",
      `storage:${account}`,
      `grant the secondary's access connector Storage Blob Data Contributor (Reader for the RA-GRS endpoint) on storage account ${account}: Unity Catalog locations use it`,
    );
}

/** The share catalogs, the clone notebook and its job; the ids of the tables it clones. */
function deepCloneJob(ctx: ReplicaContext, state: UcState, parent: pulumi.Resource): Set<string> {
  const cfg = state.setup.config.deepClone!;
  const warehouse = state.setup.config.warehouse
    ? ctx.registry.get("sql-warehouse", state.setup.config.warehouse)
    : undefined;
  if (!warehouse) {
    ctx.report.action(
      "config",
      "unityCatalog.deepCloneJob",
      "no deep-clone job: its warehouse is not replicated",
    );
    return new Set();
  }
  // Only into schemas the secondary has: a table whose schema was not replicated stays a manual action.
  const placed = state.managedTables.filter((t) => t.schemaId && state.schemas.has(t.schemaId));
  const { sql, cloned } = deepCloneSql(placed, cfg.shares);
  if (!cloned.length) return new Set();
  const catalogs = [...new Set(cloned.map((t) => t.catalogName))].sort();
  const shareCatalogs = catalogs.map(
    (c) =>
      new databricks.Catalog(
        resourceName("uc-share-catalog", c),
        shareCatalogArgs(c, cfg.shares[c], cfg),
        objectOptions(ctx, parent, { dependsOn: state.foundation.ready }),
      ),
  );
  const notebook = new databricks.Notebook(
    "uc-deep-clone-notebook",
    { path: DEEP_CLONE_NOTEBOOK, language: "SQL", contentBase64: Buffer.from(sql).toString("base64") },
    objectOptions(ctx, parent),
  );
  new databricks.Job(
    "uc-deep-clone-job",
    deepCloneJobArgs(notebook.path, warehouse.value, cfg, ctx.settings.activation),
    objectOptions(ctx, parent, {
      dependsOn: [...shareCatalogs, ...(warehouse.resource ? [warehouse.resource] : [])],
    }),
  );
  return new Set(cloned.map((t) => t.id));
}

export type { DataToReplicate };
