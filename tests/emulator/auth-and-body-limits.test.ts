/**
 * Authentication on by default and request bodies refused past the service's documented limits, without
 * the emulator reading (or holding) the rest of them. The limits come from the REST docs: workspace import
 * `content` "has a limit of 10 MB" (MAX_NOTEBOOK_SIZE_EXCEEDED), DBFS put 1 MB (MAX_BLOCK_SIZE_EXCEEDED).
 */
import { connect, Socket } from "node:net";
import { RunningEmulator } from "../../emulator";
import { emulatorClient } from "../helpers/emulator-lifecycle";
import { b64, client, start } from "./helpers";

const MB = 1024 * 1024;

interface Upload {
  /** Bytes of body written before the server answered (or the socket closed). */
  sent: number;
  status: number;
  body: string;
  closed: boolean;
}

/**
 * Streams a body of `total` bytes (chunked unless `declare` sets a Content-Length) and stops writing as soon
 * as the server answers: what was sent by then tells whether the server read the body before answering.
 */
function upload(
  emu: RunningEmulator,
  path: string,
  total: number,
  opts: { auth?: boolean; declare?: boolean; prefix?: string } = {},
): Promise<Upload> {
  const { port } = new URL(emu.url);
  return new Promise((resolve, reject) => {
    const sock: Socket = connect(Number(port), "127.0.0.1");
    let sent = 0;
    let answered = false;
    let raw = "";
    let closed = false;
    const chunk = Buffer.alloc(64 * 1024, 0x41);
    const chunked = !opts.declare;
    const finish = () =>
      resolve({
        sent,
        status: Number(/^HTTP\/1\.1 (\d+)/.exec(raw)?.[1] ?? 0),
        body: raw.split("\r\n\r\n").slice(1).join("\r\n\r\n"),
        closed,
      });
    sock.on("data", (d: Buffer) => {
      raw += d.toString();
      answered = true;
    });
    sock.on("error", () => undefined); // EPIPE/ECONNRESET once the server has closed: expected
    sock.on("close", () => {
      closed = true;
      finish();
    });
    sock.on("connect", () => {
      const headers = [
        `POST ${path} HTTP/1.1`,
        "Host: 127.0.0.1",
        "Content-Type: application/json",
        chunked ? "Transfer-Encoding: chunked" : `Content-Length: ${total}`,
      ];
      if (opts.auth !== false) headers.push(`Authorization: Bearer ${emu.token}`);
      sock.write(headers.join("\r\n") + "\r\n\r\n");
      const pump = () => {
        while (!answered && !sock.destroyed && sent < total) {
          const piece = sent === 0 && opts.prefix ? Buffer.from(opts.prefix) : chunk;
          sent += piece.length;
          const ok = sock.write(
            chunked
              ? Buffer.concat([Buffer.from(`${piece.length.toString(16)}\r\n`), piece, Buffer.from("\r\n")])
              : piece,
          );
          if (!ok) return void sock.once("drain", pump);
        }
        if (sent >= total && chunked && !sock.destroyed) sock.write("0\r\n\r\n");
      };
      pump();
    });
    setTimeout(() => reject(new Error(`no answer after ${sent} bytes`)), 30_000).unref();
  });
}

describe("authentication by default", () => {
  let emu: RunningEmulator;
  beforeAll(async () => {
    emu = await start({ workspace: "empty" });
  });
  afterAll(() => emu.close());

  it("requires a token unless started with auth: false, and hands its token out", async () => {
    expect(emu.token).toMatch(/^dapi[0-9a-f]{32}$/);
    const r = await client(emu, null).post("/api/2.1/jobs/create", { name: "anonymous" });
    expect(r.status).toBe(401);
    // As the service answers (a wire capture in PipedreamHQ/pipedream issue #20701): a numeric code.
    expect(r.json).toEqual({
      error_code: 401,
      message: expect.stringMatching(
        /^Credential was not sent or was of an unsupported type for this API\. \[ReqId: [0-9a-f-]{36}\]$/,
      ),
    });
    expect([...emu.state.jobs.values()]).toHaveLength(0);
    expect((await client(emu, "dapi-wrong").get("/api/2.1/jobs/list")).status).toBe(403);
    expect((await client(emu).get("/api/2.1/jobs/list")).status).toBe(200);

    const open = await start({ workspace: "empty", auth: false });
    try {
      expect(open.token).toBeUndefined();
      expect((await client(open, null).post("/api/2.1/jobs/create", { name: "a" })).status).toBe(200);
    } finally {
      await open.close();
    }
  });

  it("hands out a client factory bearing its token", async () => {
    const me = await emulatorClient(emu).get<{ userName: string }>("/api/2.0/preview/scim/v2/Me");
    expect(me.userName).toBe("admin@example.com");
  });

  it("answers an unauthenticated upload before reading its body, and closes the connection", async () => {
    const u = await upload(emu, "/api/2.0/workspace/import", 200 * MB, { auth: false });
    expect(u.status).toBe(401);
    expect(JSON.parse(u.body).error_code).toBe(401);
    expect(u.sent).toBeLessThan(20 * MB);
    expect(u.closed).toBe(true);
  });
});

describe("request body limits", () => {
  let emu: RunningEmulator;
  beforeAll(async () => {
    emu = await start({ workspace: "empty" });
  });
  afterAll(() => emu.close());

  it("refuses a workspace import over 10 MB with MAX_NOTEBOOK_SIZE_EXCEEDED once the count passes it", async () => {
    const u = await upload(emu, "/api/2.0/workspace/import", 300 * MB, {
      prefix: '{"path":"/Shared/big","format":"SOURCE","language":"PYTHON","content":"',
    });
    expect(u.status).toBe(400);
    expect(JSON.parse(u.body)).toMatchObject({ error_code: "MAX_NOTEBOOK_SIZE_EXCEEDED" });
    expect(JSON.parse(u.body).message).toContain("exceeded max size (10485760 bytes)");
    // Base64 of 10 MB plus envelope is ~14 MB: the rest was never read.
    expect(u.sent).toBeLessThan(40 * MB);
    expect(u.closed).toBe(true);
    expect(emu.state.tree.get("/Shared/big")).toBeUndefined();
  });

  it("answers a declared Content-Length over the limit without reading any of the body", async () => {
    const u = await upload(emu, "/api/2.0/dbfs/put", 1100 * MB, { declare: true });
    expect(u.status).toBe(400);
    expect(JSON.parse(u.body).error_code).toBe("MAX_BLOCK_SIZE_EXCEEDED");
    expect(u.sent).toBeLessThan(16 * MB);
  });

  it("refuses other endpoints' bodies past 10 MB with 413", async () => {
    const u = await upload(emu, "/api/2.1/jobs/create", 100 * MB);
    expect(u.status).toBe(413);
    expect(JSON.parse(u.body).error_code).toBe("REQUEST_ENTITY_TOO_LARGE");
    expect(u.sent).toBeLessThan(30 * MB);
  });

  it("still takes bodies just under the limits", async () => {
    const content = b64(Buffer.alloc(10 * MB - 1024, 0x61));
    const r = await client(emu).post("/api/2.0/workspace/import", {
      path: "/Shared/almost",
      format: "AUTO",
      content,
    });
    expect(r.status).toBe(200);
    const put = await client(emu).post("/api/2.0/dbfs/put", {
      path: "/tmp/one-mb",
      contents: b64(Buffer.alloc(MB)),
    });
    expect(put.status).toBe(200);
  });
});
