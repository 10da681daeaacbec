import { resolveAuth } from "../../client/auth";
import { DatabricksClient } from "../../client";

const clients = new Map<string, DatabricksClient>();

/**
 * The REST client a dynamic resource uses for the workspace at `host`, one per host and process so the
 * per-family pacing is shared by every resource. DATABRICKS_DR_TOKEN (a token for the workspace being
 * written) wins; otherwise the usual chain: DATABRICKS_TOKEN, or Azure AD (CLI, service principal, managed
 * identity) for an azuredatabricks.net host. Tokens never enter Pulumi state.
 */
export function connect(host: string): DatabricksClient {
  const key = host.replace(/\/+$/, "");
  let c = clients.get(key);
  if (!c) {
    const drToken = process.env.DATABRICKS_DR_TOKEN;
    if (drToken) c = new DatabricksClient({ host: key, auth: { token: drToken } });
    else {
      const a = resolveAuth({ host: key });
      c = new DatabricksClient({ host: a.host, auth: a.auth, secrets: a.secrets });
    }
    clients.set(key, c);
  }
  return c;
}

/** Runs fn over items with at most `limit` in flight (the client paces per family; this bounds memory). */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/** True for the API's "it is not there" answer. */
export function isNotFound(e: unknown): boolean {
  const err = e as { status?: number; errorCode?: string };
  return err?.status === 404 || err?.errorCode === "RESOURCE_DOES_NOT_EXIST";
}

/** Not found, including the jobs API's way of saying it (400 INVALID_PARAMETER_VALUE "... does not exist"). */
export function isGone(e: unknown): boolean {
  const err = e as { status?: number; errorCode?: string; message?: string };
  return (
    isNotFound(e) ||
    (err?.errorCode === "INVALID_PARAMETER_VALUE" && /does not exist/i.test(err.message ?? ""))
  );
}
