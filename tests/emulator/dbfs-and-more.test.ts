import { SAMPLE_IDS } from "../../emulator/seeds/sample";
import { b64, unb64, useSampleEmulator } from "./helpers";

const MB = 1024 * 1024;
const suite = useSampleEmulator();

describe("DBFS", () => {
  it("lists, stats and reads at most 1 MB per call", async () => {
    const list = (await suite.api.get("/api/2.0/dbfs/list?path=/FileStore/jars")).json.files;
    expect(list).toEqual([
      expect.objectContaining({ path: "/FileStore/jars/etl-udfs-1.2.0.jar", is_dir: false, file_size: 14 }),
    ]);
    const read = (
      await suite.api.get("/api/2.0/dbfs/read?path=dbfs:/FileStore/jars/etl-udfs-1.2.0.jar&offset=2&length=4")
    ).json;
    expect(read.bytes_read).toBe(4);
    expect([...unb64(read.data)]).toEqual([0x03, 0x04, 0x0a, 0x00]);
    const tooMuch = await suite.api.get(
      `/api/2.0/dbfs/read?path=/FileStore/jars/etl-udfs-1.2.0.jar&length=${MB + 1}`,
    );
    expect(tooMuch.status).toBe(400);
    expect(tooMuch.json.error_code).toBe("MAX_READ_SIZE_EXCEEDED");
    expect((await suite.api.get("/api/2.0/dbfs/get-status?path=/nope")).status).toBe(404);
  });

  it("puts up to 1 MB, streams larger files with create/add-block/close, and reads them back in 1 MB calls", async () => {
    const over = await suite.api.post("/api/2.0/dbfs/put", {
      path: "/tmp/big",
      contents: b64(Buffer.alloc(MB + 1)),
    });
    expect(over.json.error_code).toBe("MAX_BLOCK_SIZE_EXCEEDED");
    const data = Buffer.alloc(2 * MB + 10, 7);
    const { handle } = (await suite.api.post("/api/2.0/dbfs/create", { path: "/tmp/big", overwrite: false }))
      .json;
    for (let o = 0; o < data.length; o += MB)
      await suite.api.post("/api/2.0/dbfs/add-block", { handle, data: b64(data.subarray(o, o + MB)) });
    await suite.api.post("/api/2.0/dbfs/close", { handle });
    expect((await suite.api.get("/api/2.0/dbfs/get-status?path=/tmp/big")).json.file_size).toBe(data.length);
    const chunks: Buffer[] = [];
    for (let o = 0; ; o += MB) {
      const r = (await suite.api.get(`/api/2.0/dbfs/read?path=/tmp/big&offset=${o}&length=${MB}`)).json;
      if (r.bytes_read === 0) break;
      chunks.push(unb64(r.data));
    }
    expect(Buffer.concat(chunks).equals(data)).toBe(true);
    const exists = await suite.api.post("/api/2.0/dbfs/put", { path: "/tmp/big", contents: b64("x") });
    expect(exists.json.error_code).toBe("RESOURCE_ALREADY_EXISTS");
    await suite.api.post("/api/2.0/dbfs/delete", { path: "/tmp", recursive: true });
    expect((await suite.api.get("/api/2.0/dbfs/get-status?path=/tmp/big")).status).toBe(404);
  });
});

describe("global init scripts", () => {
  it("lists without content and gets with the base64 script", async () => {
    const list = (await suite.api.get("/api/2.0/global-init-scripts")).json.scripts;
    expect(list.map((s: { name: string }) => s.name)).toEqual(["install-monitoring-agent", "set-proxy"]);
    expect(list.some((s: object) => "script" in s)).toBe(false);
    const one = (await suite.api.get(`/api/2.0/global-init-scripts/${list[0].script_id}`)).json;
    expect(unb64(one.script).toString()).toContain("installing agent");
    const id = (
      await suite.api.post("/api/2.0/global-init-scripts", {
        name: "first",
        script: b64("echo"),
        position: 0,
      })
    ).json.script_id;
    const after = (await suite.api.get("/api/2.0/global-init-scripts")).json.scripts;
    expect(after.map((s: { name: string; position: number }) => [s.name, s.position])).toEqual([
      ["first", 0],
      ["install-monitoring-agent", 1],
      ["set-proxy", 2],
    ]);
    await suite.api.patch(`/api/2.0/global-init-scripts/${id}`, {
      name: "renamed",
      script: b64("echo 2"),
      enabled: true,
    });
    expect((await suite.api.get(`/api/2.0/global-init-scripts/${id}`)).json).toMatchObject({
      name: "renamed",
      enabled: true,
    });
    await suite.api.del(`/api/2.0/global-init-scripts/${id}`);
    expect((await suite.api.get(`/api/2.0/global-init-scripts/${id}`)).status).toBe(404);
  });
});

describe("SQL warehouses and workspace-conf", () => {
  it("pages warehouses and creates, edits, stops and deletes one", async () => {
    const ids = [];
    for (let i = 0; i < 3; i++)
      ids.push(
        (await suite.api.post("/api/2.0/sql/warehouses", { name: `w${i}`, cluster_size: "X-Small" })).json.id,
      );
    const p1 = await suite.api.get("/api/2.0/sql/warehouses?page_size=2");
    expect(p1.json.warehouses).toHaveLength(2);
    const p2 = await suite.api.get(
      `/api/2.0/sql/warehouses?page_size=2&page_token=${p1.json.next_page_token}`,
    );
    expect(p2.json.warehouses).toHaveLength(2);
    expect(p2.json.next_page_token).toBeUndefined();
    await suite.api.post(`/api/2.0/sql/warehouses/${ids[0]}/edit`, { name: "w0", cluster_size: "Medium" });
    expect((await suite.api.get(`/api/2.0/sql/warehouses/${ids[0]}`)).json).toMatchObject({
      cluster_size: "Medium",
      size: "MEDIUM",
    });
    await suite.api.post(`/api/2.0/sql/warehouses/${ids[0]}/stop`);
    expect((await suite.api.get(`/api/2.0/sql/warehouses/${ids[0]}`)).json.state).toBe("STOPPED");
    await suite.api.del(`/api/2.0/sql/warehouses/${ids[0]}`);
    expect((await suite.api.get(`/api/2.0/sql/warehouses/${ids[0]}`)).status).toBe(404);
    expect((await suite.api.get(`/api/2.0/sql/warehouses/${SAMPLE_IDS.warehouse}`)).json.name).toBe(
      "Analytics Warehouse",
    );
  });

  it("answers workspace-conf keys by name, refuses unknown keys, and patches", async () => {
    const r = await suite.api.get(
      "/api/2.0/workspace-conf?keys=enableTokensConfig,enableWebTerminal,enableGp3",
    );
    expect(r.json).toEqual({ enableTokensConfig: "true", enableWebTerminal: "true", enableGp3: null });
    expect((await suite.api.get("/api/2.0/workspace-conf?keys=noSuchKey")).status).toBe(400);
    expect((await suite.api.patch("/api/2.0/workspace-conf", { maxTokenLifetimeDays: "30" })).status).toBe(
      204,
    );
    expect((await suite.api.get("/api/2.0/workspace-conf?keys=maxTokenLifetimeDays")).json).toEqual({
      maxTokenLifetimeDays: "30",
    });
  });
});
