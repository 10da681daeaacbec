import { createCatalog, createSchema } from "../routes/uc-catalogs";
import { applyGrantChanges } from "../routes/uc-grants";
import { assignMetastore, createMetastore } from "../routes/uc-metastores";
import { createExternalLocation, createStorageCredential } from "../routes/uc-storage";
import { createFunction, createTable, createVolume } from "../routes/uc-tables";
import { Obj } from "../state/types";
import { WorkspaceState } from "../state/workspace-state";

/** How much Unity Catalog the large workspace holds (LargeSizes knobs). */
export interface LargeUcSizes {
  ucCatalogs: number;
  ucSchemas: number;
  ucTables: number;
  ucVolumes: number;
  ucFunctions: number;
}

const ROOT = "abfss://unity@stlargeprimary.dfs.core.windows.net";
const EXT = "abfss://external@stlargeprimary.dfs.core.windows.net";

/**
 * A metastore assigned to the workspace with `ucCatalogs` catalogs, `ucSchemas` schemas spread over them,
 * and `ucTables` tables (every third external and partitioned, every tenth a view, the rest managed),
 * volumes and functions spread over the schemas; a grant to a group on every catalog, schema and every
 * fifth table. Deterministic: names and shapes come from the indexes alone.
 */
export function buildLargeUc(state: WorkspaceState, n: LargeUcSizes, groups: Obj[], t0: number): void {
  if (n.ucCatalogs <= 0) return;
  let t = t0;
  state.uc.clock = () => (t += 1000);
  try {
    const m = createMetastore(state, {
      name: "metastore-large",
      region: state.uc.workspaceRegion,
      storage_root: `${ROOT}/metastore`,
    });
    assignMetastore(state, state.uc.workspaceId, { metastore_id: m.id });
    const cred = createStorageCredential(state, m, {
      name: "large-connector",
      azure_managed_identity: {
        access_connector_id:
          "/subscriptions/00000000-0000-4000-8000-00000000000a/resourceGroups/rg-large/providers/Microsoft.Databricks/accessConnectors/ac-large",
      },
    });
    createExternalLocation(state, m, {
      name: "large-managed",
      url: `${ROOT}/catalogs`,
      credential_name: cred.name,
    });
    createExternalLocation(state, m, { name: "large-external", url: EXT, credential_name: cred.name });
    const grantTo = (type: "catalog" | "schema" | "table", o: Obj, i: number, privs: string[]) => {
      if (!groups.length) return;
      const principal = String(groups[i % groups.length].displayName);
      applyGrantChanges(state, m, type, o, [{ principal, add: privs }]);
    };
    const catalogs = Array.from({ length: n.ucCatalogs }, (_, c) => {
      const cat = createCatalog(state, m, {
        name: `cat_${String(c).padStart(3, "0")}`,
        ...(c % 2 ? { storage_root: `${ROOT}/catalogs/cat_${c}` } : {}),
        properties: { index: String(c) },
      });
      grantTo("catalog", cat, c, ["USE_CATALOG"]);
      return cat;
    });
    const schemas = Array.from({ length: Math.max(1, n.ucSchemas) }, (_, s) => {
      const sch = createSchema(state, m, {
        catalog_name: catalogs[s % catalogs.length].name,
        name: `schema_${String(s).padStart(4, "0")}`,
      });
      grantTo("schema", sch, s, ["USE_SCHEMA", "SELECT"]);
      return sch;
    });
    for (let i = 0; i < n.ucTables; i++) {
      const sch = schemas[i % schemas.length];
      const base = {
        catalog_name: sch.catalog_name,
        schema_name: sch.name,
        name: `table_${String(i).padStart(6, "0")}`,
      };
      const columns = [
        { name: "id", type_text: "bigint", position: 0 },
        { name: "value", type_text: "string", position: 1 },
        { name: "day", type_text: "date", position: 2, ...(i % 3 === 0 ? { partition_index: 0 } : {}) },
      ];
      const body =
        i % 10 === 9
          ? {
              ...base,
              table_type: "VIEW",
              view_definition: `SELECT id, value FROM ${sch.full_name}.table_${String(i - 1).padStart(6, "0")}`,
            }
          : i % 3 === 0
            ? {
                ...base,
                table_type: "EXTERNAL",
                data_source_format: "DELTA",
                storage_location: `${EXT}/t/${i}`,
                columns,
              }
            : { ...base, table_type: "MANAGED", data_source_format: "DELTA", columns };
      const tbl = createTable(state, m, body);
      if (i % 5 === 0) grantTo("table", tbl, i, ["SELECT"]);
    }
    for (let v = 0; v < n.ucVolumes; v++) {
      const sch = schemas[v % schemas.length];
      createVolume(state, m, {
        catalog_name: sch.catalog_name,
        schema_name: sch.name,
        name: `volume_${String(v).padStart(4, "0")}`,
        ...(v % 2
          ? { volume_type: "EXTERNAL", storage_location: `${EXT}/v/${v}` }
          : { volume_type: "MANAGED" }),
      });
    }
    for (let f = 0; f < n.ucFunctions; f++) {
      const sch = schemas[f % schemas.length];
      createFunction(state, m, {
        function_info: {
          catalog_name: sch.catalog_name,
          schema_name: sch.name,
          name: `fn_${String(f).padStart(4, "0")}`,
          full_data_type: "int",
          routine_body: "SQL",
          routine_definition: `x + ${f}`,
          input_params: { parameters: [{ name: "x", type_text: "int", type_name: "INT", position: 0 }] },
        },
      });
    }
  } finally {
    state.uc.clock = undefined;
  }
}
