import { KindName } from "../kinds/common";
import { KindExporter } from "./types";
import { userExporter } from "./kinds/user";
import { groupExporter } from "./kinds/group";
import { servicePrincipalExporter } from "./kinds/service-principal";
import { directoryExporter } from "./kinds/directory";
import { notebookExporter } from "./kinds/notebook";
import { workspaceFileExporter } from "./kinds/workspace-file";
import { repoExporter } from "./kinds/repo";
import { dbfsFileExporter } from "./kinds/dbfs-file";
import { clusterPolicyExporter } from "./kinds/cluster-policy";
import { instancePoolExporter } from "./kinds/instance-pool";
import { clusterExporter } from "./kinds/cluster";
import { jobExporter } from "./kinds/job";
import { globalInitScriptExporter } from "./kinds/global-init-script";
import { secretScopeExporter } from "./kinds/secret-scope";
import { sqlWarehouseExporter } from "./kinds/sql-warehouse";
import { workspaceConfExporter } from "./kinds/workspace-conf";
import { permissionsExporter } from "./kinds/permissions";
import { ucMetastoreExporter } from "./kinds/uc-metastore";
import { ucExternalLocationExporter, ucStorageCredentialExporter } from "./kinds/uc-storage";
import { ucConnectionExporter } from "./kinds/uc-connection";
import { ucCatalogExporter } from "./kinds/uc-catalog";
import { ucSchemaExporter } from "./kinds/uc-schema";
import { ucVolumeExporter } from "./kinds/uc-volume";
import { ucTableExporter } from "./kinds/uc-table";
import { ucFunctionExporter } from "./kinds/uc-function";
import { pipelineExporter } from "../kinds/pipeline/exporter";
import { sqlQueryExporter } from "../kinds/sql-query/exporter";
import { sqlAlertExporter } from "../kinds/sql-alert/exporter";

/** One exporter per kind: adding a kind to kinds/registry.ts fails to compile until it has one here. */
export const EXPORTERS: { [K in KindName]: KindExporter<K> } = {
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
  pipeline: pipelineExporter,
  "sql-query": sqlQueryExporter,
  "sql-alert": sqlAlertExporter,
};
