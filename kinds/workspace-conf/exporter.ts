import { ApiError } from "../../client";
import { WorkspaceConfDescriptor } from "./schema";
import { Obj } from "../../exporters/normalize";
import { ExportContext, KindExporter } from "../../exporters/types";

/**
 * Workspace settings cannot be listed (GET /api/2.0/workspace-conf needs `keys=`): these are every key the
 * public docs and the Databricks Terraform provider's exporter ask for. A key this workspace refuses (unknown
 * to its cloud or release) is recorded in the descriptor with the API's reason, never dropped silently.
 */
export const WORKSPACE_CONF_KEYS = [
  "customerApprovedWSLoginExpirationTime",
  "customerManagedKeys",
  "enable-X-Content-Type-Options",
  "enable-X-Frame-Options",
  "enable-X-XSS-Protection",
  "enableDatabricksAutologgingAdminConf",
  "enableDbfsFileBrowser",
  "enableDcs",
  "enableDeprecatedClusterNamedInitScripts",
  "enableDeprecatedGlobalInitScripts",
  "enableEnforceImdsV2",
  "enableExportNotebook",
  "enableFileStoreEndpoint",
  "enableGp3",
  "enableHlsRuntime",
  "enableIpAccessLists",
  "enableJobViewAcls",
  "enableJobsEmailsV2",
  "enableLegacyNotebookVisualizations",
  "enableLibraryAndInitScriptOnSharedCluster",
  "enableNotebookTableClipboard",
  "enablePipelinesDataSample",
  "enableProjectTypeInWorkspace",
  "enableProjectsAllowList",
  "enableResultsDownloading",
  "enableTokensConfig",
  "enableUploadDataUis",
  "enableVerboseAuditLogs",
  "enableWebTerminal",
  "enableWorkspaceFilesystem",
  "enforceClusterViewAcls",
  "enforceUserIsolation",
  "enforceWorkspaceViewAcls",
  "maxTokenLifetimeDays",
  "maxUserInactiveDays",
  "mlflowModelRegistryEmailNotificationsEnabled",
  "mlflowModelServingEndpointCreationEnabled",
  "mlflowRunArtifactDownloadEnabled",
  "projectsAllowList",
  "rStudioUserDefaultHomeBase",
  "reposIpynbResultsExportPermissions",
  "storeInteractiveNotebookResultsInCustomerAccount",
] as const;

const isRefusal = (e: unknown): e is ApiError => e instanceof ApiError && e.status === 400;

/** The keys a refusal names (`Invalid keys: ["a","b"]`), when its message names them. */
function namedKeys(e: ApiError, asked: readonly string[]): string[] {
  const m = /\[([^\]]*)\]/.exec(e.message);
  if (!m) return [];
  let names: unknown;
  try {
    names = JSON.parse(`[${m[1]}]`);
  } catch {
    return [];
  }
  return Array.isArray(names) ? names.filter((n): n is string => asked.includes(n)) : [];
}

type Conf = Omit<WorkspaceConfDescriptor, "id">;

/**
 * One unknown key fails the whole call (400). A refusal that names its keys drops them and asks again for the
 * rest; one that does not is split in halves, down to the single key it refuses.
 */
async function ask(ctx: ExportContext, keys: readonly string[], out: Required<Conf>): Promise<void> {
  if (!keys.length) return;
  let body: Obj;
  try {
    body = await ctx.client.get<Obj>("/api/2.0/workspace-conf", { keys: keys.join(",") });
  } catch (e) {
    if (!isRefusal(e)) throw e;
    const named = namedKeys(e, keys);
    if (keys.length === 1 || named.length) {
      const refused = named.length ? named : keys;
      for (const k of refused) out.refused[k] = e.describe();
      return ask(
        ctx,
        keys.filter((k) => !refused.includes(k)),
        out,
      );
    }
    const half = Math.ceil(keys.length / 2);
    await ask(ctx, keys.slice(0, half), out);
    return ask(ctx, keys.slice(half), out);
  }
  for (const k of keys) {
    const v = body[k];
    // null (or "", as the Terraform exporter reads it): never set, the workspace default applies.
    if (v === null || v === undefined || v === "") out.unset.push(k);
    else out.values[k] = typeof v === "string" ? v : JSON.stringify(v);
  }
}

export const workspaceConfExporter: KindExporter<"workspace-conf"> = {
  kind: "workspace-conf",
  async list() {
    return [{ id: "workspace-conf" }];
  },
  async read(ctx): Promise<WorkspaceConfDescriptor> {
    const out: Required<Conf> = { values: {}, unset: [], refused: {} };
    await ask(ctx, WORKSPACE_CONF_KEYS, out);
    out.unset.sort();
    return { id: "workspace-conf", ...out };
  },
};
