import { createGlobalInitScript } from "../routes/init-scripts";
import { createScope, putSecret } from "../routes/secrets";
import { DAY, SAMPLE_SECRET_VALUES, SAMPLE_T0, SampleContext } from "./sample-ids";

/** Workspace-wide settings: global init scripts (one disabled), secret scopes with their ACLs, workspace conf. */
export function addSampleSettings({ state, tick, people }: SampleContext): void {
  const { admin, alice } = people;
  // Global init scripts (one disabled).
  createGlobalInitScript(
    state,
    {
      name: "install-monitoring-agent",
      script: Buffer.from("#!/bin/bash\necho 'installing agent'\n").toString("base64"),
      enabled: true,
      position: 0,
    },
    { id: "A1B2C3D4E5F60001", time: tick() },
  );
  createGlobalInitScript(
    state,
    {
      name: "set-proxy",
      script: Buffer.from("#!/bin/bash\nexport HTTPS_PROXY=http://proxy.internal:3128\n").toString("base64"),
      enabled: false,
      position: 1,
    },
    { id: "A1B2C3D4E5F60002", time: tick() },
  );

  // Secrets: a Databricks-backed scope with keys, a Key Vault-backed one; ACLs on both.
  createScope(state, { scope: "etl", initial_manage_principal: admin.userName });
  ["db-password", "storage-key", "api-token"].forEach((k, i) =>
    putSecret(state, "etl", k, Buffer.from(SAMPLE_SECRET_VALUES[i]), SAMPLE_T0 + i * DAY),
  );
  const etl = state.secretScopes.get("etl")!;
  etl.acls.set("data-engineers", "READ");
  etl.acls.set(alice.userName, "WRITE");
  createScope(state, {
    scope: "kv-prod",
    scope_backend_type: "AZURE_KEYVAULT",
    initial_manage_principal: admin.userName,
    backend_azure_keyvault: {
      resource_id:
        "/subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/rg-dr-primary/providers/Microsoft.KeyVault/vaults/kv-prod-primary",
      dns_name: "https://kv-prod-primary.vault.azure.net/",
    },
  });
  const kv = state.secretScopes.get("kv-prod")!;
  kv.keys.set("storage-account-key", { key: "storage-account-key", last_updated_timestamp: SAMPLE_T0 });
  kv.acls.set("users", "READ");

  state.workspaceConf = {
    enableTokensConfig: "true",
    maxTokenLifetimeDays: "90",
    enableIpAccessLists: "false",
    enableResultsDownloading: "true",
    enableExportNotebook: "true",
    enableDbfsFileBrowser: "false",
    enableWebTerminal: "true",
  };
}
