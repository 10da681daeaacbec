import { MANAGED_TABLE_REMEDY, TABLE_REPLICATION, TableReplication, UcTableDescriptor } from "../index";
import { arr, obj, Obj, str } from "../../../exporters/normalize";
import { KindExporter, SkipError } from "../../../exporters/types";
import { ChildItem, listChildren, placeOf } from "./children";
import { defined, stringProps, TABLE_PAGE, ucGrants, ucRefreshDue, ucSignature } from "./shared";

type Base = Omit<UcTableDescriptor, "grants">;

/** Table statistics (ANALYZE TABLE ... COMPUTE STATISTICS) are the only size the Tables API shows. */
const SIZE_PROPERTY = "spark.sql.statistics.totalSize";

/** How a table type the registry does not know is replicated: as data, the careful choice. */
function replicationOf(tableType: string): TableReplication {
  return (TABLE_REPLICATION as Record<string, TableReplication>)[tableType] ?? "data";
}

/**
 * TableInfo → descriptor (grants aside): columns as ColumnInfo spells them, in position order; partition
 * columns by partition_index; a managed table flagged as data to copy, with its size when its statistics
 * give one.
 */
export function normalizeTable(t: Obj, schemaId?: string): Base {
  const id = str(t.table_id);
  const place = placeOf(t);
  const tableType = str(t.table_type);
  if (!id || !place || !tableType)
    throw new SkipError("table without table_id, name, catalog_name, schema_name or table_type");
  const columns = arr(t.columns)
    .filter((c) => str(c.name))
    .sort((a, b) => Number(a.position ?? 0) - Number(b.position ?? 0));
  const partitionColumns = columns
    .filter((c) => typeof c.partition_index === "number")
    .sort((a, b) => (a.partition_index as number) - (b.partition_index as number))
    .map((c) => c.name as string);
  const properties = stringProps(t.properties);
  const replication = replicationOf(tableType);
  const size = Number(properties[SIZE_PROPERTY]);
  const deps = arr(obj(t.view_dependencies).dependencies);
  return defined({
    id,
    ...place,
    schemaId,
    tableType,
    replication,
    dataSourceFormat: str(t.data_source_format),
    storageLocation: str(t.storage_location),
    storageCredentialName: str(t.storage_credential_name),
    columns: columns as Base["columns"],
    partitionColumns,
    properties,
    viewDefinition: typeof t.view_definition === "string" ? t.view_definition : undefined,
    sqlPath: str(t.sql_path),
    viewDependencies: deps.length ? deps : undefined,
    tableConstraints: arr(t.table_constraints).length ? arr(t.table_constraints) : undefined,
    rowFilter: t.row_filter && typeof t.row_filter === "object" ? obj(t.row_filter) : undefined,
    pipelineId: str(t.pipeline_id),
    managedData:
      replication === "data"
        ? defined({
            sizeBytes: Number.isSafeInteger(size) && size >= 0 ? size : undefined,
            remedy: MANAGED_TABLE_REMEDY,
          })
        : undefined,
    owner: str(t.owner),
    comment: str(t.comment),
  });
}

export const ucTableExporter: KindExporter<"uc-table", ChildItem<Base>> = {
  kind: "uc-table",
  list: (ctx) => listChildren(ctx, "uc-table", "tables", "tables", normalizeTable, TABLE_PAGE),
  signature: (ctx, item) => ucSignature(ctx, item.id, item.base),
  refresh: (ctx, item) => ucRefreshDue(ctx, item.id),
  async read(ctx, item) {
    return { ...item.base, grants: await ucGrants(ctx, "uc-table", item.id, "table", item.fullName) };
  },
};
