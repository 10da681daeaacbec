import { ApiError } from "../../client";
import { WorkspaceConfDescriptor } from "../../kinds/compute";
import { Obj } from "../normalize";
import { ExportContext, KindExporter } from "../types";

/** Workspace settings cannot be listed: these are the keys asked for by name. */
export const WORKSPACE_CONF_KEYS = [
  "enableDbfsFileBrowser",
  "enableDeprecatedGlobalInitScripts",
  "enableExportNotebook",
  "enableIpAccessLists",
  "enableNotebookTableClipboard",
  "enableResultsDownloading",
  "enableTokensConfig",
  "enableUploadDataUis",
  "enableVerboseAuditLogs",
  "enableWebTerminal",
  "enableWorkspaceFilesystem",
  "maxTokenLifetimeDays",
  "storeInteractiveNotebookResultsInCustomerAccount",
] as const;

async function confValues(ctx: ExportContext, keys: readonly string[]): Promise<Record<string, string>> {
  const body = await ctx.client.get<Obj>("/api/2.0/workspace-conf", { keys: keys.join(",") });
  const out: Record<string, string> = {};
  for (const k of keys) {
    const v = body[k];
    if (v !== null && v !== undefined) out[k] = String(v);
  }
  return out;
}

export const workspaceConfExporter: KindExporter<"workspace-conf"> = {
  kind: "workspace-conf",
  async list() {
    return [{ id: "workspace-conf" }];
  },
  async read(ctx): Promise<WorkspaceConfDescriptor> {
    try {
      return { id: "workspace-conf", values: await confValues(ctx, WORKSPACE_CONF_KEYS) };
    } catch (e) {
      if (!(e instanceof ApiError && e.status === 400)) throw e;
      // One unknown key fails the whole call: ask key by key and keep what the workspace knows.
      const values: Record<string, string> = {};
      for (const k of WORKSPACE_CONF_KEYS) {
        try {
          Object.assign(values, await confValues(ctx, [k]));
        } catch (inner) {
          if (!(inner instanceof ApiError && inner.status === 400)) throw inner;
        }
      }
      return { id: "workspace-conf", values };
    }
  },
};
