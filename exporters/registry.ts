import { KindName } from "../kinds/common";
import { KindExporter } from "./types";
import { userExporter } from "./kinds/user";
import { groupExporter } from "./kinds/group";
import { servicePrincipalExporter } from "./kinds/service-principal";
import { directoryExporter } from "../kinds/directory/exporter";
import { notebookExporter } from "../kinds/notebook/exporter";
import { workspaceFileExporter } from "../kinds/workspace-file/exporter";
import { repoExporter } from "../kinds/repo/exporter";
import { dbfsFileExporter } from "../kinds/dbfs-file/exporter";
import { clusterPolicyExporter } from "../kinds/cluster-policy/exporter";
import { instancePoolExporter } from "../kinds/instance-pool/exporter";
import { clusterExporter } from "../kinds/cluster/exporter";
import { jobExporter } from "../kinds/job/exporter";
import { globalInitScriptExporter } from "../kinds/global-init-script/exporter";
import { secretScopeExporter } from "../kinds/secret-scope/exporter";
import { sqlWarehouseExporter } from "../kinds/sql-warehouse/exporter";
import { workspaceConfExporter } from "../kinds/workspace-conf/exporter";
import { permissionsExporter } from "../kinds/permissions/exporter";
import { ucMetastoreExporter } from "./kinds/uc-metastore";
import { ucExternalLocationExporter, ucStorageCredentialExporter } from "./kinds/uc-storage";
import { ucConnectionExporter } from "./kinds/uc-connection";
import { ucCatalogExporter } from "./kinds/uc-catalog";
import { ucSchemaExporter } from "./kinds/uc-schema";
import { ucVolumeExporter } from "./kinds/uc-volume";
import { ucTableExporter } from "./kinds/uc-table";
import { ucFunctionExporter } from "./kinds/uc-function";
import { MODULE_EXPORTERS, UnmovedKind } from "../kinds/modules";

/** One exporter per kind: adding a kind to kinds/registry.ts fails to compile until it has one here. */
/** Kinds not moved into a kinds/<kind>/ folder yet (each then comes from kinds/modules.ts instead). */
const UNMOVED_EXPORTERS: { [K in UnmovedKind]: KindExporter<K> } = {
  user: userExporter,
  group: groupExporter,
  "service-principal": servicePrincipalExporter,
  directory: directoryExporter,
  notebook: notebookExporter,
  "workspace-file": workspaceFileExporter,
  repo: repoExporter,
  "dbfs-file": dbfsFileExporter,
  "cluster-policy": clusterPolicyExporter,
  "instance-pool": instancePoolExporter,
  cluster: clusterExporter,
  job: jobExporter,
  "global-init-script": globalInitScriptExporter,
  "secret-scope": secretScopeExporter,
  "sql-warehouse": sqlWarehouseExporter,
  "workspace-conf": workspaceConfExporter,
  permissions: permissionsExporter,
  "uc-metastore": ucMetastoreExporter,
  "uc-storage-credential": ucStorageCredentialExporter,
  "uc-external-location": ucExternalLocationExporter,
  "uc-connection": ucConnectionExporter,
  "uc-catalog": ucCatalogExporter,
  "uc-schema": ucSchemaExporter,
  "uc-volume": ucVolumeExporter,
  "uc-table": ucTableExporter,
  "uc-function": ucFunctionExporter,
};

/** One exporter per kind (typed over KindName: a kind without one fails to compile). */
export const EXPORTERS: { [K in KindName]: KindExporter<K> } = { ...UNMOVED_EXPORTERS, ...MODULE_EXPORTERS };
