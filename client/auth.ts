import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as ini from "ini";
import type { TokenCredential } from "@azure/identity";
import type { ClientOptions } from "./client";
import { userMessage } from "./errors";
import { normalizeHost } from "./host";

/** The Azure Databricks first-party application: AAD tokens for any workspace are issued for it. */
export const AZURE_DATABRICKS_SCOPE = "2ff814a6-3304-4ab8-85cb-cd0e6f879c1d/.default";

/** The fields of a ~/.databrickscfg profile this tool understands (the SDKs' names). */
export interface ProfileConfig {
  host?: string;
  token?: string;
  auth_type?: string;
  azure_client_id?: string;
  azure_client_secret?: string;
  azure_tenant_id?: string;
  azure_use_msi?: string | boolean;
  azure_workspace_resource_id?: string;
}

export interface AuthRequest {
  profile?: string;
  /** Overrides the host of the profile or environment. */
  host?: string;
  env?: NodeJS.ProcessEnv;
  /** Defaults to $DATABRICKS_CONFIG_FILE or ~/.databrickscfg. */
  configFile?: string;
  /** Tests replace the Azure credential. */
  credentialFor?: (kind: AzureAuthKind, cfg: ProfileConfig) => TokenCredential;
}

export type AzureAuthKind = "azure-client-secret" | "azure-cli" | "azure-msi" | "azure-default";

export interface ResolvedAuth {
  host: string;
  /** What normalizing the host dropped (`?o=<id>`, a path), for one line in the log. */
  hostNote?: string;
  auth: ClientOptions["auth"];
  /** "pat", or the Azure credential used: for messages, never a secret. */
  method: "pat" | AzureAuthKind;
  /** Where the settings came from: `profile DEFAULT`, `environment`. */
  source: string;
  /** Values to scrub from every log line. */
  secrets: string[];
}

export function readProfile(file: string, name: string): ProfileConfig {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (e) {
    throw new Error(`profile "${name}": ${userMessage(e)}`, { cause: e });
  }
  checkConfigSyntax(text, file);
  const parsed = ini.parse(text) as Record<string, unknown>;
  // Settings above the first header belong to DEFAULT, as the Databricks CLI reads them.
  const top = Object.entries(parsed).filter(([, v]) => typeof v !== "object");
  const section =
    name === "DEFAULT" && top.length
      ? { ...Object.fromEntries(top), ...(parsed[name] as object) }
      : parsed[name];
  if (!section || typeof section !== "object") {
    const known = Object.keys(parsed).filter((k) => typeof parsed[k] === "object");
    throw new Error(`profile "${name}" not found in ${file} (profiles: ${known.join(", ") || "none"})`);
  }
  return section as ProfileConfig;
}

/**
 * The ini parser takes any line: `[primary` becomes a key and `host https://x` a flag, and the profile then
 * looks missing or empty. The format the Databricks CLI reads has only these lines, so anything else is
 * named by its line number (its text is not shown: it may hold a token).
 */
export function checkConfigSyntax(text: string, file: string): void {
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === "" || line.startsWith(";") || line.startsWith("#")) continue;
    let problem: string | undefined;
    if (line.startsWith("[")) {
      if (!/^\[[^[\]]+\]$/.test(line)) problem = 'a profile header must be "[name]"';
    } else if (!/^[A-Za-z0-9_.-]+\s*=/.test(line)) problem = 'expected "key = value"';
    if (problem) throw new Error(`${file} is malformed at line ${i + 1}: ${problem}`);
  }
}

function fromEnv(env: NodeJS.ProcessEnv): ProfileConfig {
  return {
    host: env.DATABRICKS_HOST,
    token: env.DATABRICKS_TOKEN,
    auth_type: env.DATABRICKS_AUTH_TYPE,
    azure_client_id: env.ARM_CLIENT_ID ?? env.DATABRICKS_AZURE_CLIENT_ID,
    azure_client_secret: env.ARM_CLIENT_SECRET ?? env.DATABRICKS_AZURE_CLIENT_SECRET,
    azure_tenant_id: env.ARM_TENANT_ID ?? env.DATABRICKS_AZURE_TENANT_ID,
    azure_use_msi: env.ARM_USE_MSI,
    azure_workspace_resource_id: env.DATABRICKS_AZURE_RESOURCE_ID,
  };
}

/** Which Azure credential a configuration asks for; undefined when it names none. */
export function azureAuthKind(cfg: ProfileConfig): AzureAuthKind | undefined {
  const t = cfg.auth_type;
  if (t === "azure-cli") return "azure-cli";
  if (t === "azure-msi" || cfg.azure_use_msi === true || cfg.azure_use_msi === "true") return "azure-msi";
  if (t === "azure-client-secret" || (cfg.azure_client_id && cfg.azure_client_secret && cfg.azure_tenant_id))
    return "azure-client-secret";
  if (t === "azure-default" || t === "azure") return "azure-default";
  return undefined;
}

function defaultCredential(kind: AzureAuthKind, cfg: ProfileConfig): TokenCredential {
  // Loaded lazily: @azure/identity is heavy and a PAT run never needs it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const id = require("@azure/identity") as typeof import("@azure/identity");
  switch (kind) {
    case "azure-client-secret":
      if (!cfg.azure_tenant_id || !cfg.azure_client_id || !cfg.azure_client_secret)
        throw new Error("azure-client-secret needs azure_tenant_id, azure_client_id and azure_client_secret");
      return new id.ClientSecretCredential(cfg.azure_tenant_id, cfg.azure_client_id, cfg.azure_client_secret);
    case "azure-cli":
      return new id.AzureCliCredential(cfg.azure_tenant_id ? { tenantId: cfg.azure_tenant_id } : {});
    case "azure-msi":
      return cfg.azure_client_id
        ? new id.ManagedIdentityCredential({ clientId: cfg.azure_client_id })
        : new id.ManagedIdentityCredential();
    case "azure-default":
      return new id.DefaultAzureCredential(
        cfg.azure_client_id ? { managedIdentityClientId: cfg.azure_client_id } : {},
      );
  }
}

/**
 * Wraps an Azure credential as the client's token source: caches the AAD token and refreshes it five
 * minutes before it expires, with one refresh in flight however many requests ask at once.
 */
export function azureTokenSource(credential: TokenCredential, scope = AZURE_DATABRICKS_SCOPE) {
  let cached: { token: string; expires: number } | undefined;
  let pending: Promise<string> | undefined;
  return {
    async getToken(): Promise<string> {
      if (cached && cached.expires - 5 * 60_000 > Date.now()) return cached.token;
      pending ??= (async () => {
        try {
          const t = await credential.getToken(scope);
          if (!t) throw new Error("Azure AD returned no token for the Azure Databricks resource");
          cached = { token: t.token, expires: t.expiresOnTimestamp };
          return t.token;
        } finally {
          pending = undefined;
        }
      })();
      return pending;
    },
  };
}

/**
 * Resolves host and credentials the way the Databricks CLI and SDKs do: an explicit profile of
 * ~/.databrickscfg, else DATABRICKS_HOST/DATABRICKS_TOKEN (or ARM_* for Azure AD), else the DEFAULT profile.
 * A token wins over Azure settings; Azure settings pick a credential from @azure/identity.
 */
export function resolveAuth(req: AuthRequest = {}): ResolvedAuth {
  const env = req.env ?? process.env;
  const file = req.configFile ?? env.DATABRICKS_CONFIG_FILE ?? path.join(os.homedir(), ".databrickscfg");
  let cfg: ProfileConfig;
  let source: string;
  const profile = req.profile ?? env.DATABRICKS_CONFIG_PROFILE;
  const envCfg = fromEnv(env);
  if (profile) {
    cfg = readProfile(file, profile);
    source = `profile ${profile} (${file})`;
  } else if (envCfg.host || envCfg.token || azureAuthKind(envCfg)) {
    cfg = envCfg;
    source = "environment";
  } else if (fs.existsSync(file)) {
    cfg = readProfile(file, "DEFAULT");
    source = `profile DEFAULT (${file})`;
  } else {
    cfg = {};
    source = "command line";
  }
  const hostRaw = req.host ?? cfg.host;
  if (!hostRaw)
    throw new Error(`no workspace host: pass --host, set DATABRICKS_HOST, or set host in ${source}`);
  const { host, note: hostNote } = normalizeHost(hostRaw);
  if (cfg.token && cfg.auth_type !== "azure-cli" && !cfg.auth_type?.startsWith("azure"))
    return { host, hostNote, auth: { token: cfg.token }, method: "pat", source, secrets: [cfg.token] };
  const kind =
    azureAuthKind(cfg) ??
    (/\.azuredatabricks\.net$/.test(new URL(host).hostname) ? "azure-default" : undefined);
  if (!kind)
    throw new Error(
      `no credentials for ${host} in ${source}: set a token (DATABRICKS_TOKEN, or token in the profile) or Azure settings`,
    );
  const credential = (req.credentialFor ?? defaultCredential)(kind, cfg);
  return {
    host,
    hostNote,
    auth: azureTokenSource(credential),
    method: kind,
    source,
    secrets: cfg.azure_client_secret ? [cfg.azure_client_secret] : [],
  };
}
