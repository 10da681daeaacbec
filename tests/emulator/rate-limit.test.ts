import { RunningEmulator } from "../../emulator";
import { client, start } from "./helpers";

const open: RunningEmulator[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((e) => e.close()));
});
async function emulator(opts: Parameters<typeof start>[0]) {
  const e = await start(opts);
  open.push(e);
  return e;
}

/** 20 quick calls against a family limited to 1 request per second: 1 passes, then throttling. */
async function burst(emu: RunningEmulator, n = 20) {
  const api = client(emu);
  const out = [];
  for (let i = 0; i < n; i++) out.push(await api.get("/api/2.0/preview/scim/v2/Users?count=1"));
  return out;
}
const shape = (r: { status: number; headers: Headers; json: { error_code?: string } }) =>
  r.status !== 429
    ? "ok"
    : r.headers.get("retry-after")
      ? "retry-after"
      : r.json.error_code
        ? "plain"
        : "rpc-message";

describe("rate limits", () => {
  it("answers 429 REQUEST_LIMIT_EXCEEDED, with Retry-After on some answers and not on others", async () => {
    const emu = await emulator({ rateLimits: { "scim-get": 1 }, seed: 7 });
    const answers = await burst(emu);
    expect(answers[0].status).toBe(200);
    const throttled = answers.filter((a) => a.status === 429);
    expect(throttled.length).toBeGreaterThanOrEqual(18);
    const shapes = new Set(throttled.map(shape));
    expect(shapes).toContain("retry-after");
    expect(shapes.has("plain") || shapes.has("rpc-message")).toBe(true);
    const withHeader = throttled.find((a) => a.headers.get("retry-after"))!;
    expect(Number(withHeader.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(withHeader.json).toEqual({ error_code: "REQUEST_LIMIT_EXCEEDED", message: expect.any(String) });
    const rpc = throttled.filter((a) => shape(a) === "rpc-message");
    for (const a of rpc) expect(a.json).toEqual({ message: "RPC token bucket limit has been exceeded" });
    expect(emu.stats().throttled).toBe(throttled.length);
    expect(emu.stats().byFamily["scim-get"]).toBe(20);
  });

  it("draws the shape of each 429 from the seed: same seed, same sequence", async () => {
    const a = (await burst(await emulator({ rateLimits: { "scim-get": 1 }, seed: 3 }))).filter(
      (r) => r.status === 429,
    );
    const b = (await burst(await emulator({ rateLimits: { "scim-get": 1 }, seed: 3 }))).filter(
      (r) => r.status === 429,
    );
    const n = Math.min(a.length, b.length);
    expect(a.slice(0, n).map(shape)).toEqual(b.slice(0, n).map(shape));
  });

  it("honours retryAfterRatio 1 and 0", async () => {
    const all = await burst(await emulator({ rateLimits: { "scim-get": 1 }, retryAfterRatio: 1 }));
    expect(all.filter((r) => r.status === 429).every((r) => r.headers.get("retry-after"))).toBe(true);
    const none = await burst(await emulator({ rateLimits: { "scim-get": 1 }, retryAfterRatio: 0 }));
    expect(none.filter((r) => r.status === 429).some((r) => r.headers.get("retry-after"))).toBe(false);
  });

  it("throttles per family: another family is not affected", async () => {
    const emu = await emulator({ rateLimits: { "scim-get": 1 } });
    await burst(emu, 5);
    expect((await client(emu).get("/api/2.1/jobs/list")).status).toBe(200);
  });

  it("uses the published limits by default and counts requests per endpoint", async () => {
    const emu = await emulator({ rateLimits: true });
    const api = client(emu);
    // jobs create is limited to 20/s: 30 creates at once cannot all pass.
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        api.post("/api/2.1/jobs/create", {
          name: `j${i}`,
          tasks: [{ task_key: "t", notebook_task: { notebook_path: "/x" } }],
        }),
      ),
    );
    expect(answers.filter((a) => a.status === 429).length).toBeGreaterThanOrEqual(5);
    expect(emu.stats().byEndpoint["POST /api/2.1/jobs/create"]).toBe(30);
    emu.resetStats();
    expect(emu.stats().total).toBe(0);
  });
});

describe("authentication, latency, unknown endpoints, middlewares", () => {
  it("answers 401 without a token and 403 with a wrong one", async () => {
    const emu = await emulator({ token: "dapi-test" });
    expect((await client(emu, null).get("/api/2.1/jobs/list")).status).toBe(401);
    // The service's own answer to a wrong token (databricks-sdk-go issues #873, #917 show it on the wire):
    // a numeric error_code and the reason in X-Databricks-Reason-Phrase.
    const wrong = await client(emu, "wrong").get("/api/2.1/jobs/list");
    expect(wrong.status).toBe(403);
    expect(wrong.json).toEqual({ error_code: 403, message: "Invalid access token." });
    expect(wrong.headers.get("x-databricks-reason-phrase")).toBe("Invalid access token.");
    expect((await client(emu, "dapi-test").get("/api/2.1/jobs/list")).status).toBe(200);
  });

  it("adds the configured latency", async () => {
    const emu = await emulator({ latencyMs: 60 });
    const t = Date.now();
    await client(emu).get("/api/2.0/sql/warehouses");
    expect(Date.now() - t).toBeGreaterThanOrEqual(55);
  });

  it("answers 404 ENDPOINT_NOT_FOUND for unknown paths and 400 for a malformed body", async () => {
    const emu = await emulator({});
    const r = await client(emu).get("/api/2.0/does-not-exist");
    expect(r.status).toBe(404);
    expect(r.json).toEqual({
      error_code: "ENDPOINT_NOT_FOUND",
      message: "No API found for 'GET /api/2.0/does-not-exist'",
    });
    const bad = await fetch(`${emu.url}/api/2.1/jobs/create`, {
      method: "POST",
      headers: emu.authHeaders(),
      body: "{oops",
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error_code: string }).error_code).toBe("MALFORMED_REQUEST");
  });

  it("lets a middleware answer, rewrite, or reset the connection", async () => {
    const emu = await emulator({
      middlewares: [
        async (ctx, next) => {
          if (ctx.path.endsWith("/jobs/list") && ctx.seq === 0)
            return { status: 503, body: { error_code: "TEMPORARILY_UNAVAILABLE", message: "try later" } };
          if (ctx.path.endsWith("/jobs/list") && ctx.seq === 1) {
            ctx.res.destroy();
            return null;
          }
          return next();
        },
      ],
    });
    const api = client(emu);
    expect((await api.get("/api/2.1/jobs/list")).status).toBe(503);
    await expect(api.get("/api/2.1/jobs/list")).rejects.toThrow();
    expect((await api.get("/api/2.1/jobs/list")).status).toBe(200);
    emu.use(async (_ctx, next) => {
      const r = await next();
      return r && { ...r, headers: { ...r.headers, "X-Seen": "1" } };
    });
    expect((await api.get("/api/2.1/jobs/list")).headers.get("x-seen")).toBe("1");
  });
});
