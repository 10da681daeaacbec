import { z } from "zod";
import type { Ref } from "../common";
import { securableBase, storageUrl, stringMap } from "./grants";
import { inSchema, schemaRef } from "./schema";

/** A column as ColumnInfo describes it (type_json and the rest kept as the API spells them). */
export const ucColumn = z.looseObject({
  name: z.string().min(1),
  type_text: z.string().optional(),
  type_json: z.string().optional(),
  type_name: z.string().optional(),
  type_precision: z.number().int().optional(),
  type_scale: z.number().int().optional(),
  position: z.number().int().nonnegative().optional(),
  nullable: z.boolean().optional(),
  partition_index: z.number().int().nonnegative().optional(),
  comment: z.string().optional(),
});

/**
 * What the secondary needs for a table, by table_type:
 * - `definition`: EXTERNAL (and EXTERNAL_SHALLOW_CLONE): re-registered with its columns, format, properties
 *   on its storage-mapped location; its data is the storage account's (GRS, or the secondary's copy).
 * - `data`: MANAGED (and MANAGED_SHALLOW_CLONE): the data lives in Unity Catalog's managed storage and must
 *   be copied (DEEP CLONE, or Delta Sharing from the primary): see `managedData`.
 * - `view`: VIEW, METRIC_VIEW: re-created from the view definition.
 * - `pipeline`: MATERIALIZED_VIEW, STREAMING_TABLE: the pipeline or SQL warehouse that owns it refreshes it.
 * - `foreign`: FOREIGN: served through the catalog's connection.
 */
export const TABLE_REPLICATION = {
  EXTERNAL: "definition",
  EXTERNAL_SHALLOW_CLONE: "definition",
  MANAGED: "data",
  MANAGED_SHALLOW_CLONE: "data",
  VIEW: "view",
  METRIC_VIEW: "view",
  MATERIALIZED_VIEW: "pipeline",
  STREAMING_TABLE: "pipeline",
  FOREIGN: "foreign",
} as const;
export const tableReplication = z.enum(["definition", "data", "view", "pipeline", "foreign"]);
export type TableReplication = z.infer<typeof tableReplication>;

/** How a managed table's data reaches the secondary (the report names both). */
export const MANAGED_TABLE_REMEDY =
  "copy the data: DEEP CLONE into the secondary's table, or share it from the primary with Delta Sharing and deep-clone it there";

/**
 * A table or view (`GET /api/2.1/unity-catalog/tables?catalog_name=&schema_name=`). Id: `table_id`.
 * `partitionColumns` are the columns with a partition_index, in that order.
 */
export const ucTableSchema = z
  .object({
    id: z.string().min(1),
    ...inSchema,
    tableType: z.string().min(1),
    replication: tableReplication,
    dataSourceFormat: z.string().optional(),
    storageLocation: storageUrl.optional(),
    storageCredentialName: z.string().optional(),
    columns: z.array(ucColumn),
    partitionColumns: z.array(z.string().min(1)),
    properties: stringMap,
    viewDefinition: z.string().optional(),
    sqlPath: z.string().optional(),
    /** The tables and functions a view reads, as the API lists them. */
    viewDependencies: z.array(z.record(z.string(), z.unknown())).optional(),
    tableConstraints: z.array(z.record(z.string(), z.unknown())).optional(),
    rowFilter: z.record(z.string(), z.unknown()).optional(),
    /** The pipeline that maintains a materialized view or streaming table. */
    pipelineId: z.string().optional(),
    /** Managed data the secondary needs copied: the size when the table's statistics give it. */
    managedData: z
      .object({ sizeBytes: z.number().int().nonnegative().optional(), remedy: z.string().min(1) })
      .optional(),
    ...securableBase,
  })
  .superRefine((d, ctx) => {
    const known = (TABLE_REPLICATION as Record<string, TableReplication>)[d.tableType];
    if (known && known !== d.replication)
      ctx.addIssue({
        code: "custom",
        path: ["replication"],
        message: `a ${d.tableType} table is replicated as "${known}", not "${d.replication}"`,
      });
    if (d.replication === "definition" && !d.storageLocation)
      ctx.addIssue({
        code: "custom",
        path: ["storageLocation"],
        message: "an external table has a storageLocation",
      });
    if (d.replication === "view" && d.viewDefinition === undefined)
      ctx.addIssue({ code: "custom", path: ["viewDefinition"], message: "a view has a viewDefinition" });
    if ((d.replication === "data") !== (d.managedData !== undefined))
      ctx.addIssue({
        code: "custom",
        path: ["managedData"],
        message: "managedData is set exactly for tables whose data must be copied (MANAGED)",
      });
    const names = new Set(d.columns.map((c) => c.name));
    d.partitionColumns.forEach((p, i) => {
      if (!names.has(p))
        ctx.addIssue({
          code: "custom",
          path: ["partitionColumns", i],
          message: `no column named ${JSON.stringify(p)}`,
        });
    });
  });
export type UcTableDescriptor = z.infer<typeof ucTableSchema>;

export const ucTableReferences = (d: UcTableDescriptor): Ref[] => schemaRef(d);
