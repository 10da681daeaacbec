import { ApiError } from "../../client";
import { RunningEmulator } from "../../emulator";
import { WORKSPACE_CONF_KEYS, workspaceConfExporter } from "../../kinds/workspace-conf/exporter";
import { ExportContext } from "../../exporters/types";
import { workspaceConfSchema } from "../../kinds/workspace-conf/schema";
import { workspaceConfArgs } from "../../kinds/workspace-conf/mapping";
import { clientFor, emulator } from "./helpers";

const read = async (client: unknown) =>
  workspaceConfSchema.parse(
    await workspaceConfExporter.read({ client } as unknown as ExportContext, { id: "workspace-conf" }),
  );

describe("workspace-conf export", () => {
  let emu: RunningEmulator;
  beforeAll(async () => {
    emu = await emulator();
  });
  afterAll(() => emu.close());

  it("exports every key the workspace answers, records the ones it refuses with the reason, drops none", async () => {
    const client = clientFor(emu);
    // Keys outside the 13 once hard-coded, set through the API as an admin would.
    await client.patch("/api/2.0/workspace-conf", {
      enableGp3: "false",
      enforceUserIsolation: "true",
      enableDcs: "true",
    });
    const d = await read(client);
    // The sample seed's values (emulator/seeds/sample.ts) plus the three set above.
    expect(d.values).toEqual({
      enableTokensConfig: "true",
      maxTokenLifetimeDays: "90",
      enableIpAccessLists: "false",
      enableResultsDownloading: "true",
      enableExportNotebook: "true",
      enableDbfsFileBrowser: "false",
      enableWebTerminal: "true",
      enableGp3: "false",
      enforceUserIsolation: "true",
      enableDcs: "true",
    });
    // The emulator knows enableHlsRuntime but not these (it answers 400 "Invalid keys").
    expect(d.refused?.enableLegacyNotebookVisualizations).toMatch(/INVALID_PARAMETER_VALUE \(400\)/);
    expect(d.refused?.maxUserInactiveDays).toMatch(/Invalid keys/);
    expect(d.unset).toContain("enableHlsRuntime");
    const accounted = [...Object.keys(d.values), ...(d.unset ?? []), ...Object.keys(d.refused ?? {})];
    expect(accounted.sort()).toEqual([...WORKSPACE_CONF_KEYS].sort());
  });

  it("a refusal that does not name its keys is narrowed down to the refused ones", async () => {
    const refuse = new Set(["enableGp3", "projectsAllowList"]);
    let calls = 0;
    const client = {
      async get(_path: string, q: { keys: string }) {
        calls++;
        const keys = q.keys.split(",");
        if (keys.some((k) => refuse.has(k)))
          throw new ApiError(400, "INVALID_PARAMETER_VALUE", "Some keys are invalid");
        return Object.fromEntries(keys.map((k) => [k, k === "maxTokenLifetimeDays" ? "30" : null]));
      },
    };
    const d = await read(client);
    expect(Object.keys(d.refused ?? {}).sort()).toEqual([...refuse].sort());
    expect(d.values).toEqual({ maxTokenLifetimeDays: "30" });
    expect(d.unset).toHaveLength(WORKSPACE_CONF_KEYS.length - 3);
    expect(calls).toBeLessThan(WORKSPACE_CONF_KEYS.length);
  });

  it("a non-refusal error still fails the read", async () => {
    const client = {
      async get() {
        throw new ApiError(403, "PERMISSION_DENIED", "Only admins");
      },
    };
    await expect(read(client)).rejects.toThrow("Only admins");
  });

  it("the stack sets every exported key and names each refused one as a manual action", () => {
    const m = workspaceConfArgs({
      id: "workspace-conf",
      values: { enableGp3: "false", enableDcs: "true" },
      unset: ["enableHlsRuntime"],
      refused: { maxUserInactiveDays: "INVALID_PARAMETER_VALUE (400): Invalid keys" },
    });
    expect(m.ok && m.args.customConfig).toEqual({ enableGp3: "false", enableDcs: "true" });
    expect(m.notes).toEqual([expect.stringContaining("maxUserInactiveDays")]);
  });
});
