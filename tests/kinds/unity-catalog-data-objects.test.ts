import { KINDS } from "../../kinds/registry";
import { MANAGED_TABLE_REMEDY } from "../../kinds/unity-catalog";
import { normalizeConnection } from "../../kinds/unity-catalog/exporters/connection";
import { normalizeTable } from "../../kinds/unity-catalog/exporters/table";
import { normalizeVolume } from "../../kinds/unity-catalog/exporters/volume";
import { normalizeFunction } from "../../kinds/unity-catalog/exporters/function";
import { flag, issue, META, ok, ROOT, stamps } from "./helpers/uc-reference-bodies";

/* Tables, views, volumes, functions and connections (bodies: helpers/uc-reference-bodies.ts). */
describe("Unity Catalog descriptors from the reference's bodies", () => {
  const column = (name: string, type: string, position: number, extra: Record<string, unknown> = {}) => ({
    name,
    type_text: type,
    type_json: JSON.stringify({ name, type, nullable: true, metadata: {} }),
    type_name: type.toUpperCase(),
    position,
    nullable: true,
    ...extra,
  });
  const tableBody = (over: Record<string, unknown>) => ({
    name: "orders",
    catalog_name: "sales",
    schema_name: "orders",
    data_source_format: "DELTA",
    owner: "data-engineers",
    comment: "All orders",
    metastore_id: META,
    full_name: "sales.orders.orders",
    ...stamps,
    table_id: "7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d",
    columns: [column("region", "string", 1, { partition_index: 0 }), column("id", "long", 0)],
    properties: { "delta.minReaderVersion": "1", "delta.lastCommitTimestamp": "1710000000000" },
    browse_only: false,
    effective_predictive_optimization_flag: flag,
    ...over,
  });

  it("external table: columns in position order, format, location, partitioning, properties (volatile Delta ones left out)", () => {
    const d = ok("uc-table", {
      ...normalizeTable(
        tableBody({
          table_type: "EXTERNAL",
          storage_location: "abfss://landing@stdrprimary.dfs.core.windows.net/orders",
        }),
        "2c9c1c1e-0b7d-4b55-8e0a-8c1a5a0c9d10",
      ),
      grants: [],
    });
    expect(d).toMatchObject({
      id: "7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d",
      fullName: "sales.orders.orders",
      schemaId: "2c9c1c1e-0b7d-4b55-8e0a-8c1a5a0c9d10",
      tableType: "EXTERNAL",
      replication: "definition",
      dataSourceFormat: "DELTA",
      storageLocation: "abfss://landing@stdrprimary.dfs.core.windows.net/orders",
      partitionColumns: ["region"],
      properties: { "delta.minReaderVersion": "1" },
    });
    expect(d.columns.map((c) => c.name)).toEqual(["id", "region"]);
    expect(d.managedData).toBeUndefined();
    expect(KINDS["uc-table"].references(d)).toEqual([
      { kind: "uc-schema", id: "2c9c1c1e-0b7d-4b55-8e0a-8c1a5a0c9d10", field: "schemaId" },
    ]);
    expect(issue("uc-table", { ...d, storageLocation: undefined })).toMatch(
      /^storageLocation: an external table/,
    );
    expect(issue("uc-table", { ...d, partitionColumns: ["day"] })).toMatch(
      /^partitionColumns\.0: no column named "day"/,
    );
  });

  it("managed table: flagged as data to copy with the remedy, and its size when the statistics give it", () => {
    const sized = normalizeTable(
      tableBody({ table_type: "MANAGED", properties: { "spark.sql.statistics.totalSize": "52428800" } }),
    );
    expect(ok("uc-table", { ...sized, grants: [] })).toMatchObject({
      replication: "data",
      managedData: { sizeBytes: 52428800, remedy: MANAGED_TABLE_REMEDY },
    });
    expect(MANAGED_TABLE_REMEDY).toMatch(/DEEP CLONE/);
    expect(MANAGED_TABLE_REMEDY).toMatch(/Delta Sharing/);
    const unsized = normalizeTable(tableBody({ table_type: "MANAGED" }));
    expect(unsized.managedData).toEqual({ remedy: MANAGED_TABLE_REMEDY });
    expect(issue("uc-table", { ...unsized, managedData: undefined, grants: [] })).toMatch(/^managedData: /);
    expect(issue("uc-table", { ...unsized, replication: "definition", grants: [] })).toMatch(
      /^replication: a MANAGED table/,
    );
  });

  it("view: its definition", () => {
    const d = ok("uc-table", {
      ...normalizeTable(
        tableBody({
          name: "big_orders",
          full_name: "sales.orders.big_orders",
          table_type: "VIEW",
          data_source_format: undefined,
          view_definition: "SELECT * FROM sales.orders.orders WHERE amount > 1000",
          view_dependencies: { dependencies: [{ table: { table_full_name: "sales.orders.orders" } }] },
          sql_path: "",
          columns: [column("id", "long", 0)],
        }),
      ),
      grants: [],
    });
    expect(d).toMatchObject({
      replication: "view",
      viewDefinition: "SELECT * FROM sales.orders.orders WHERE amount > 1000",
      viewDependencies: [{ table: { table_full_name: "sales.orders.orders" } }],
    });
    expect(issue("uc-table", { ...d, viewDefinition: undefined })).toMatch(/^viewDefinition: a view has/);
  });

  it("volume: volume_id; a managed volume's files are data to copy", () => {
    const body = {
      name: "raw_files",
      catalog_name: "sales",
      schema_name: "orders",
      volume_type: "MANAGED",
      storage_location: `${ROOT}/__unitystorage/catalogs/x/volumes/y`,
      owner: "data-engineers",
      comment: "Uploads",
      full_name: "sales.orders.raw_files",
      volume_id: "0d9e8f7a-6b5c-4d3e-8f2a-1b0c9d8e7f6a",
      metastore_id: META,
      ...stamps,
      access_point: "",
      browse_only: false,
    };
    const d = ok("uc-volume", { ...normalizeVolume(body, "2c9c1c1e"), grants: [] });
    expect(d).toMatchObject({
      id: "0d9e8f7a-6b5c-4d3e-8f2a-1b0c9d8e7f6a",
      volumeType: "MANAGED",
      dataToReplicate: true,
    });
    expect(
      issue("uc-volume", {
        ...d,
        volumeType: "EXTERNAL",
        dataToReplicate: false,
        storageLocation: undefined,
      }),
    ).toMatch(/^storageLocation: an EXTERNAL volume/);
  });

  it("function: function_id and its definition without the service's fields", () => {
    const d = ok("uc-function", {
      ...normalizeFunction({
        name: "mask_email",
        catalog_name: "sales",
        schema_name: "orders",
        input_params: {
          parameters: [{ name: "email", type_text: "string", type_name: "STRING", position: 0 }],
        },
        data_type: "STRING",
        full_data_type: "string",
        routine_body: "SQL",
        routine_definition: "regexp_replace(email, '^[^@]+', '***')",
        parameter_style: "S",
        is_deterministic: true,
        sql_data_access: "CONTAINS_SQL",
        is_null_call: false,
        security_type: "DEFINER",
        specific_name: "mask_email",
        owner: "data-engineers",
        metastore_id: META,
        full_name: "sales.orders.mask_email",
        ...stamps,
        function_id: "4b3a2c1d-0e9f-4a8b-b7c6-d5e4f3a2b1c0",
      }),
      grants: [],
    });
    expect(d.id).toBe("4b3a2c1d-0e9f-4a8b-b7c6-d5e4f3a2b1c0");
    expect(Object.keys(d.definition).sort()).toEqual([
      "data_type",
      "full_data_type",
      "input_params",
      "is_deterministic",
      "is_null_call",
      "parameter_style",
      "routine_body",
      "routine_definition",
      "security_type",
      "specific_name",
      "sql_data_access",
    ]);
  });

  it("connection: options without the secrets the scanner finds, their keys named", () => {
    const d = ok("uc-connection", {
      ...normalizeConnection({
        name: "crm-pg",
        connection_type: "POSTGRESQL",
        options: { host: "crm.example.com", port: "5432", user: "reader", password: "Pg-s3cret-2026!" },
        owner: "admin@example.com",
        read_only: true,
        comment: "CRM",
        connection_id: "e3afd9ea-c81e-4b11-a8ce-7afafba442da",
        credential_type: "USERNAME_PASSWORD",
        full_name: "crm-pg",
        metastore_id: META,
        ...stamps,
        securable_type: "CONNECTION",
        url: "crm.example.com:5432",
      }),
      grants: [],
    });
    expect(d.options).toEqual({ host: "crm.example.com", port: "5432", user: "reader" });
    expect(d.secretOptions).toEqual(["password"]);
    expect(JSON.stringify(d)).not.toContain("Pg-s3cret");
  });
});
