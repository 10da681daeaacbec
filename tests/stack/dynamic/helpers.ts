import { DatabricksClient } from "../../../client";
import { RunningEmulator, startEmulator } from "../../../emulator";

export const TOKEN = "dr-test-token";

/** An empty emulated workspace the dynamic providers write to, with a client to look at it. */
export async function emptyWorkspace(): Promise<{ emu: RunningEmulator; client: DatabricksClient }> {
  const emu = await startEmulator({ workspace: "empty", rateLimits: false, token: TOKEN });
  // The providers authenticate the way they do under `pulumi up`: from the environment, never from state.
  process.env.DATABRICKS_DR_TOKEN = TOKEN;
  const client = new DatabricksClient({
    host: emu.url,
    auth: { token: TOKEN },
    limits: false,
    maxRetries: 0,
  });
  return { emu, client };
}

export async function exportSource(client: DatabricksClient, path: string): Promise<string> {
  const r = await client.get<{ content: string }>("/api/2.0/workspace/export", { path, format: "SOURCE" });
  return Buffer.from(r.content, "base64").toString("utf8");
}

export async function exists(client: DatabricksClient, path: string): Promise<boolean> {
  try {
    await client.get("/api/2.0/workspace/get-status", { path });
    return true;
  } catch (e) {
    if ((e as { status?: number }).status === 404) return false;
    throw e;
  }
}

export async function aclOf(client: DatabricksClient, type: string, path: string): Promise<string[]> {
  const st = await client.get<{ object_id: number }>("/api/2.0/workspace/get-status", { path });
  const r = await client.get<{ access_control_list?: Record<string, unknown>[] }>(
    `/api/2.0/permissions/${type}/${st.object_id}`,
  );
  return (r.access_control_list ?? [])
    .flatMap((e) =>
      ((e.all_permissions as { permission_level: string; inherited: boolean }[]) ?? [])
        .filter((p) => !p.inherited)
        .map((p) => `${e.user_name ?? e.group_name ?? e.service_principal_name}=${p.permission_level}`),
    )
    .sort();
}
