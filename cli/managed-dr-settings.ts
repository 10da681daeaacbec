import * as fs from "node:fs";
import { parse } from "yaml";
import { CONFIG_NAMESPACE } from "../components/config/schema";
import {
  failoverGroupName,
  ManagedDrConfig,
  managedDrSchema,
  ManagedDrSettings,
} from "../components/config/managed-dr";
import { issuePath } from "../snapshot/errors";
import { ApiError, DatabricksClient } from "../client";
import { FailoverGroup, getFailoverGroup } from "../client/disaster-recovery";
import { ManagedDrExpectation, readManagedDrExpectation } from "../verify/managed-dr";
import { resolveAuth } from "../client/auth";

/**
 * `databricks-dr:managedDr` read from a stack's settings file (Pulumi.<stack>.yaml) without Pulumi, for the
 * commands that talk to the account (failover, verify, report). Set with `--path`, Pulumi keeps the block
 * as YAML (a workspace id may come back a number, a flag the string "true"); set without, as a JSON string.
 */
export function readManagedDr(file: string): ManagedDrSettings | undefined {
  const doc = (parse(fs.readFileSync(file, "utf8")) ?? {}) as { config?: Record<string, unknown> };
  let raw = doc.config?.[`${CONFIG_NAMESPACE}:managedDr`];
  if (raw === undefined) return undefined;
  if (typeof raw === "string")
    try {
      raw = JSON.parse(raw);
    } catch {
      throw new Error(`${file}: ${CONFIG_NAMESPACE}:managedDr: is not valid structured config`);
    }
  const parsed = managedDrSchema.safeParse(coerce(raw));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const sub = issuePath(issue);
    throw new Error(
      `${file}: ${CONFIG_NAMESPACE}:managedDr${sub ? (sub.startsWith("[") ? sub : `.${sub}`) : ""}: ${issue.message}`,
    );
  }
  return parsed.data;
}

/** YAML scalars as Pulumi's config holds them: ids to strings, "true"/"false" to booleans. */
function coerce(v: unknown, key = ""): unknown {
  if (Array.isArray(v)) return v.map((x) => coerce(x, key));
  if (v && typeof v === "object")
    return Object.fromEntries(Object.entries(v as object).map(([k, x]) => [k, coerce(x, k)]));
  if (key === "workspaceId" && typeof v === "number") return String(v);
  if (key === "replicateWorkspaceAssets" && (v === "true" || v === "false")) return v === "true";
  return v;
}

export interface AccountFlags {
  accountHost?: string;
  profile?: string;
}

/**
 * A client for the account console host (`--account-host`, else DATABRICKS_ACCOUNT_HOST, else the config's
 * accountHost): a token from the profile or DATABRICKS_TOKEN, or Azure AD (the same Azure Databricks
 * application serves the account).
 */
export function accountClient(
  config: Pick<ManagedDrConfig, "accountHost">,
  flags: AccountFlags,
): DatabricksClient {
  const host = flags.accountHost ?? process.env.DATABRICKS_ACCOUNT_HOST ?? config.accountHost;
  const auth = resolveAuth({ profile: flags.profile, host });
  return new DatabricksClient({ host: auth.host, auth: auth.auth, secrets: auth.secrets });
}

export interface ManagedDrRead {
  expectation: ManagedDrExpectation;
  /** The group as the account answers it; undefined when the account has no such group. */
  group: FailoverGroup | undefined;
}

/**
 * For verify and report: the stack's managedDr block (checked as the stack checks it, so a bad value is
 * named), and the failover group read from the account. Undefined when the stack has no managedDr.
 */
export async function readManagedDrGroup(
  stackConfig: string,
  flags: AccountFlags,
): Promise<ManagedDrRead | undefined> {
  const config = readManagedDr(stackConfig);
  if (!config) return undefined;
  const expectation = readManagedDrExpectation(fs.readFileSync(stackConfig, "utf8"))!;
  const client = accountClient(config, flags);
  try {
    return { expectation, group: await getFailoverGroup(client, failoverGroupName(config)) };
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return { expectation, group: undefined };
    throw e;
  }
}
