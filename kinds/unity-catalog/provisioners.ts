import type { UcKindName } from "./names";
import type { Provisioner } from "../../components/workspace/provisioner";
import {
  provisionUcCatalogs,
  provisionUcConnections,
  provisionUcExternalLocations,
  provisionUcMetastore,
  provisionUcSchemas,
  provisionUcStorageCredentials,
} from "../../components/workspace/unity-catalog";
import {
  provisionUcFunctions,
  provisionUcTables,
  provisionUcVolumes,
} from "../../components/workspace/unity-catalog-data";

/**
 * The Unity Catalog kinds, in their own group after SQL warehouses (tables' DDL runs on one): the metastore
 * first (it sets up the secondary's metastore, assignment and access connector credential), then each
 * securable after what it references.
 */
export const UC_PROVISIONERS: { [K in UcKindName]: Provisioner<K> } = {
  "uc-metastore": { group: "unityCatalog", order: 1, provision: provisionUcMetastore },
  "uc-storage-credential": { group: "unityCatalog", order: 2, provision: provisionUcStorageCredentials },
  "uc-external-location": { group: "unityCatalog", order: 3, provision: provisionUcExternalLocations },
  "uc-connection": { group: "unityCatalog", order: 4, provision: provisionUcConnections },
  "uc-catalog": { group: "unityCatalog", order: 5, provision: provisionUcCatalogs },
  "uc-schema": { group: "unityCatalog", order: 6, provision: provisionUcSchemas },
  "uc-volume": { group: "unityCatalog", order: 7, provision: provisionUcVolumes },
  "uc-table": { group: "unityCatalog", order: 8, provision: provisionUcTables },
  "uc-function": { group: "unityCatalog", order: 9, provision: provisionUcFunctions },
};
