import { invalid } from "../errors";
import { ok, requireParam } from "../http";
import { Router } from "../router";

/** Keys the service knows; others are refused. Keys cannot be listed, only asked for by name. */
export const WORKSPACE_CONF_KEYS = [
  "enableTokensConfig",
  "maxTokenLifetimeDays",
  "enableIpAccessLists",
  "enableDeprecatedGlobalInitScripts",
  "enableResultsDownloading",
  "enableNotebookTableClipboard",
  "enableExportNotebook",
  "enableVerboseAuditLogs",
  "enableWebTerminal",
  "enableDbfsFileBrowser",
  "enableUploadDataUis",
  "storeInteractiveNotebookResultsInCustomerAccount",
  "enableProjectTypeInWorkspace",
  "enableWorkspaceFilesystem",
  "enableDcs",
  "enableGp3",
  "enableEnforceImdsV2",
  "enableHlsRuntime",
  "enableJobsEmailsV2",
  "enforceUserIsolation",
  "mlflowRunArtifactDownloadEnabled",
  "mlflowModelServingEndpointCreationEnabled",
  "mlflowModelRegistryEmailNotificationsEnabled",
  "rStudioUserDefaultHomeBase",
  "customerManagedKeys",
];

export function registerWorkspaceConf(r: Router): void {
  r.get("/api/2.0/workspace-conf", (ctx) => {
    const keys = requireParam(ctx, "keys")
      .split(",")
      .map((k) => k.trim())
      .filter(Boolean);
    const unknown = keys.filter((k) => !WORKSPACE_CONF_KEYS.includes(k));
    if (unknown.length) throw invalid(`Invalid keys: ${JSON.stringify(unknown)}`);
    const out: Record<string, string | null> = {};
    for (const k of keys) out[k] = ctx.state.workspaceConf[k] ?? null;
    return ok(out);
  });
  r.patch("/api/2.0/workspace-conf", (ctx) => {
    const entries = Object.entries(ctx.body);
    const unknown = entries.map(([k]) => k).filter((k) => !WORKSPACE_CONF_KEYS.includes(k));
    if (unknown.length) throw invalid(`Invalid keys: ${JSON.stringify(unknown)}`);
    for (const [k, v] of entries) {
      if (v !== null && typeof v !== "string")
        throw invalid(`Value for ${k} must be a string, got ${JSON.stringify(v)}.`);
      ctx.state.workspaceConf[k] = v;
    }
    return { status: 204 };
  });
}
