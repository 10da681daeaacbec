import type * as pulumi from "@pulumi/pulumi";
import type { SqlTableArgs } from "@pulumi/databricks";
import type { UcTableDescriptor } from "../../kinds/unity-catalog/table";
import type { UcFunctionDescriptor } from "../../kinds/unity-catalog/function";
import { Mapping, skip } from "./refs";
import { secondaryLocation } from "./uc-locations";
import type { StorageMap } from "./storage-map";

type In = pulumi.Input<string>;

/**
 * Properties Delta and Spark set themselves (commit bookkeeping, protocol versions, a view's captured
 * session): sent back they would fail or diff forever; the secondary's table gets its own.
 */
const SYSTEM_PROPERTY = [
  /^delta\.lastCommitTimestamp$/,
  /^delta\.lastUpdateVersion$/,
  /^delta\.minReaderVersion$/,
  /^delta\.minWriterVersion$/,
  /^spark\.sql\.statistics\./,
  /^view\./,
  /^transient_lastDdlTime$/,
];

export function userProperties(p: Record<string, string>): Record<string, string> | undefined {
  const kept = Object.entries(p).filter(([k]) => !SYSTEM_PROPERTY.some((re) => re.test(k)));
  return kept.length ? Object.fromEntries(kept.sort(([a], [b]) => (a < b ? -1 : 1))) : undefined;
}

export interface TablePlace {
  catalogName: In;
  schemaName: In;
  /** The SQL warehouse the provider runs the table's DDL on (else it starts a cluster of its own). */
  warehouseId?: In;
}

/**
 * An external table is re-registered on its storage-mapped location with its columns, format, partitioning
 * and properties; a view is re-created from its definition. Everything else is not a definition the stack
 * can register: managed tables are data (reported as data to replicate), materialized views and streaming
 * tables belong to their pipeline, foreign tables to their connection.
 */
export function tableArgs(d: UcTableDescriptor, place: TablePlace, map: StorageMap): Mapping<SqlTableArgs> {
  const base = {
    catalogName: place.catalogName,
    schemaName: place.schemaName,
    name: d.name,
    ...(d.comment !== undefined ? { comment: d.comment } : {}),
    ...(d.owner ? { owner: d.owner } : {}),
    ...(place.warehouseId ? { warehouseId: place.warehouseId } : {}),
  };
  const properties = userProperties(d.properties);
  switch (d.replication) {
    case "definition": {
      const loc = secondaryLocation(d.storageLocation!, map, "table location");
      if (!loc.ok) return skip(loc.reason);
      const columns = d.columns.map((c) => ({
        name: c.name,
        ...(c.type_text ? { type: c.type_text } : {}),
        ...(c.comment !== undefined ? { comment: c.comment } : {}),
        ...(c.nullable !== undefined ? { nullable: c.nullable } : {}),
      }));
      return {
        ok: true,
        args: {
          ...base,
          tableType: "EXTERNAL",
          ...(d.dataSourceFormat ? { dataSourceFormat: d.dataSourceFormat } : {}),
          storageLocation: loc.url,
          ...(columns.length ? { columns } : {}),
          ...(d.partitionColumns.length ? { partitions: d.partitionColumns } : {}),
          ...(properties ? { properties } : {}),
        },
        notes: loc.notes,
      };
    }
    case "view":
      return {
        ok: true,
        args: { ...base, tableType: "VIEW", viewDefinition: d.viewDefinition! },
        notes: d.tableType === "VIEW" ? [] : [`a ${d.tableType} is re-created as a plain view`],
      };
    case "data":
      return skip(`managed table: ${d.managedData?.remedy ?? "its data must be copied"}`);
    case "pipeline":
      return skip(
        `a ${d.tableType} is maintained by its pipeline${d.pipelineId ? ` ${d.pipelineId}` : ""}: replicate the pipeline and let it refresh`,
      );
    case "foreign":
      return skip("a foreign table is served through its catalog's connection");
  }
}

/** The provider has no function resource: the manual action names what to run. */
export function functionAction(d: UcFunctionDescriptor): string {
  const body = d.definition.routine_body ?? "SQL";
  return `re-create with CREATE FUNCTION ${d.fullName} (${body}; its definition is in descriptors/uc-function.json): the provider has no function resource`;
}
