import { ApiError, DatabricksClient, parseRetryAfter, TransportError } from "../../client";
import { json, scriptedServer } from "./server";

// Fake tokens are built at run time, so nothing token-shaped is committed.
const PAT = "dapi" + "0123456789abcdef".repeat(2);

const fast = { baseDelayMs: 5, maxDelayMs: 20 };

function client(url: string, extra: Partial<ConstructorParameters<typeof DatabricksClient>[0]> = {}) {
  const lines: string[] = [];
  const c = new DatabricksClient({
    host: url,
    auth: { token: PAT },
    limits: false,
    retry: fast,
    log: (l) => lines.push(l),
    ...extra,
  });
  return { c, lines };
}

describe("DatabricksClient retries", () => {
  it("honours Retry-After in seconds on a 429, then succeeds", async () => {
    const srv = await scriptedServer((_req, res, n) =>
      n === 0
        ? json(
            res,
            429,
            { error_code: "REQUEST_LIMIT_EXCEEDED", message: "slow down" },
            { "Retry-After": "1" },
          )
        : json(res, 200, { ok: true }),
    );
    const { c } = client(srv.url);
    const t0 = Date.now();
    await expect(c.get("/api/2.1/jobs/list")).resolves.toEqual({ ok: true });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(990);
    expect(c.stats()).toMatchObject({ requests: 2, retries: 1, throttled: 1 });
    await srv.close();
  });

  it("backs off without Retry-After on 429 and on 500/502/503/504", async () => {
    const statuses = [429, 500, 502, 503, 504];
    const srv = await scriptedServer((_req, res, n) =>
      n < statuses.length
        ? json(res, statuses[n], { error_code: "TEMPORARILY_UNAVAILABLE", message: "x" })
        : json(res, 200, { n }),
    );
    const { c, lines } = client(srv.url);
    await expect(c.get("/api/2.0/clusters/list")).resolves.toEqual({ n: 5 });
    expect(c.stats()).toMatchObject({ requests: 6, retries: 5, throttled: 1 });
    expect(lines.some((l) => l.includes("Retry-After"))).toBe(false);
    await srv.close();
  });

  it("treats throttle messages in a 400 body as throttles", async () => {
    const srv = await scriptedServer((_req, res, n) =>
      n === 0
        ? json(res, 400, { error_code: "BAD_REQUEST", message: "RPC token bucket limit has been exceeded" })
        : n === 1
          ? json(res, 400, {
              error_code: "X",
              message: "User has exceeded the concurrent limit for this api",
            })
          : json(res, 200, {}),
    );
    const { c } = client(srv.url);
    await c.get("/api/2.0/workspace/list", { path: "/" });
    expect(c.stats()).toMatchObject({ requests: 3, throttled: 2 });
    await srv.close();
  });

  it("never retries other 4xx and surfaces error_code and message", async () => {
    const srv = await scriptedServer((_req, res) =>
      json(res, 400, { error_code: "INVALID_PARAMETER_VALUE", message: "bad path" }),
    );
    const { c } = client(srv.url);
    const err = await c.get("/api/2.0/workspace/list").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 400, errorCode: "INVALID_PARAMETER_VALUE", message: "bad path" });
    expect(srv.seen).toHaveLength(1);
    await srv.close();
  });

  it("maps a non-JSON error body to HTTP_<status>", async () => {
    const srv = await scriptedServer((_req, res) => {
      res.writeHead(404, { "Content-Type": "text/html" });
      res.end("<html>nope</html>");
    });
    const { c } = client(srv.url);
    await expect(c.get("/nope")).rejects.toMatchObject({ status: 404, errorCode: "HTTP_404" });
    await srv.close();
  });

  it("retries a connection reset", async () => {
    const srv = await scriptedServer((req, res, n) => {
      if (n === 0) res.socket?.destroy();
      else json(res, 200, { path: req.url.pathname });
    });
    const { c } = client(srv.url);
    await expect(c.get("/api/2.0/dbfs/read")).resolves.toEqual({ path: "/api/2.0/dbfs/read" });
    expect(c.stats().retries).toBe(1);
    await srv.close();
  });

  it("retries a body cut short of its Content-Length", async () => {
    const srv = await scriptedServer((_req, res, n) => {
      if (n === 0) {
        res.writeHead(200, { "Content-Type": "application/json", "Content-Length": 100 });
        res.write('{"content": "abc');
        setTimeout(() => res.socket?.destroy(), 5);
      } else json(res, 200, { content: "abc" });
    });
    const { c } = client(srv.url);
    await expect(c.get("/api/2.0/workspace/export")).resolves.toEqual({ content: "abc" });
    expect(c.stats().retries).toBe(1);
    await srv.close();
  });

  it("retries an unparseable JSON body that was framed correctly", async () => {
    const srv = await scriptedServer((_req, res, n) => {
      if (n === 0) {
        res.writeHead(200, { "Content-Type": "application/json" });
        res.end('{"jobs": [{"job_id": 1}');
      } else json(res, 200, { jobs: [] });
    });
    const { c, lines } = client(srv.url);
    await expect(c.get("/api/2.1/jobs/list")).resolves.toEqual({ jobs: [] });
    expect(lines.join("\n")).toMatch(/unparseable JSON/);
    await srv.close();
  });

  it("gives up after maxRetries with the last error", async () => {
    const srv = await scriptedServer((_req, res) =>
      json(res, 503, { error_code: "TEMPORARILY_UNAVAILABLE", message: "down" }),
    );
    const { c } = client(srv.url, { maxRetries: 2 });
    await expect(c.get("/x")).rejects.toMatchObject({ status: 503, errorCode: "TEMPORARILY_UNAVAILABLE" });
    expect(srv.seen).toHaveLength(3);
    await srv.close();
  });

  it("takes a smaller retry budget per request", async () => {
    const srv = await scriptedServer((_req, res) =>
      json(res, 503, { error_code: "TEMPORARILY_UNAVAILABLE", message: "down" }),
    );
    const { c } = client(srv.url);
    await expect(c.request("GET", "/x", { maxRetries: 0 })).rejects.toMatchObject({ status: 503 });
    expect(srv.seen).toHaveLength(1);
    await srv.close();
  });

  it("gives up on transport failures with a TransportError", async () => {
    const srv = await scriptedServer((_req, res) => {
      res.socket?.destroy();
    });
    const { c } = client(srv.url, { maxRetries: 1 });
    await expect(c.get("/x")).rejects.toBeInstanceOf(TransportError);
    await srv.close();
  });
});

describe("DatabricksClient requests", () => {
  it("sends the bearer token, query and JSON body, and never logs the token", async () => {
    const srv = await scriptedServer((_req, res, n) =>
      n === 0 ? json(res, 503, { message: `token ${PAT} leaked` }) : json(res, 200, {}),
    );
    const { c, lines } = client(srv.url);
    await c.request("POST", "/api/2.0/workspace/mkdirs", {
      body: { path: "/a" },
      query: { x: 1, y: undefined },
    });
    expect(srv.seen[0].headers.authorization).toBe(`Bearer ${PAT}`);
    expect(srv.seen[0].headers["content-type"]).toBe("application/json");
    expect(srv.seen[0].url.search).toBe("?x=1");
    expect(JSON.parse(srv.seen[0].body)).toEqual({ path: "/a" });
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.join("\n")).not.toContain("0123456789abcdef0123456789abcdef");
    await srv.close();
  });

  it("asks a token source for every request", async () => {
    const srv = await scriptedServer((_req, res) => json(res, 200, {}));
    let n = 0;
    const c = new DatabricksClient({
      host: srv.url,
      auth: { getToken: async () => `aad-${++n}` },
      limits: false,
    });
    await c.get("/a");
    await c.get("/b");
    expect(srv.seen.map((s) => s.headers.authorization)).toEqual(["Bearer aad-1", "Bearer aad-2"]);
    await srv.close();
  });

  it("paces a family to its rate while many calls are in flight, after a burst", async () => {
    const srv = await scriptedServer((_req, res) => {
      setTimeout(() => json(res, 200, {}), 300);
    });
    try {
      const c = new DatabricksClient({
        host: srv.url,
        auth: { token: "t" },
        limits: { "jobs-read": 20 },
        burstSeconds: 0.5,
      });
      const t0 = Date.now();
      await Promise.all(Array.from({ length: 20 }, () => c.get("/api/2.1/jobs/get")));
      const elapsed = Date.now() - t0;
      // 10 calls at once (half a second at 20/s), the other 10 over the next 500 ms, each answered in 300 ms;
      // serially they would take 6 s, unpaced 300 ms.
      expect(elapsed).toBeGreaterThanOrEqual(700);
      expect(elapsed).toBeLessThan(2000);
      expect(srv.seen).toHaveLength(20);
      expect(c.stats().byFamily).toEqual({ "jobs-read": 20 });
    } finally {
      await srv.close();
    }
  });

  it("without a burst, starts calls one pacing step apart", async () => {
    const srv = await scriptedServer((_req, res) => json(res, 200, {}));
    try {
      const c = new DatabricksClient({
        host: srv.url,
        auth: { token: "t" },
        limits: { "jobs-read": 20 },
        burstSeconds: 0,
      });
      const t0 = Date.now();
      await Promise.all(Array.from({ length: 6 }, () => c.get("/api/2.1/jobs/get")));
      // The first at once, then one every 50 ms.
      expect(Date.now() - t0).toBeGreaterThanOrEqual(240);
    } finally {
      await srv.close();
    }
  });

  it("an abort stops queued calls and the retry wait", async () => {
    const srv = await scriptedServer((_req, res) =>
      json(res, 503, { error_code: "TEMPORARILY_UNAVAILABLE" }),
    );
    try {
      const ac = new AbortController();
      const c = new DatabricksClient({
        host: srv.url,
        auth: { token: "t" },
        limits: { "jobs-read": 1 },
        burstSeconds: 0,
        signal: ac.signal,
        retry: { baseDelayMs: 10_000, maxDelayMs: 10_000 },
      });
      const calls = Array.from({ length: 3 }, () => c.get("/api/2.1/jobs/get").catch((e: unknown) => e));
      setTimeout(() => ac.abort(), 100);
      const t0 = Date.now();
      const errors = await Promise.all(calls);
      expect(Date.now() - t0).toBeLessThan(2000);
      for (const e of errors) expect((e as Error).name).toBe("AbortedError");
      expect(srv.seen).toHaveLength(1);
    } finally {
      await srv.close();
    }
  });

  it("times out an answer that never comes, and retries it", async () => {
    const srv = await scriptedServer((_req, res, n) => {
      if (n > 0) json(res, 200, { ok: true });
    });
    try {
      const { c } = client(srv.url, { timeoutMs: 200 });
      await expect(c.get("/api/2.0/workspace/list")).resolves.toEqual({ ok: true });
      expect(srv.seen).toHaveLength(2);
      expect(c.stats().retries).toBe(1);
    } finally {
      await srv.close();
    }
  });

  it("rejects a host that is not a URL", () => {
    expect(() => new DatabricksClient({ host: "adb-1.azuredatabricks.net", auth: { token: "t" } })).toThrow(
      /http/,
    );
  });
});

describe("parseRetryAfter", () => {
  it("reads seconds and HTTP dates", () => {
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(parseRetryAfter("3", now)).toBe(3000);
    expect(parseRetryAfter("0.5", now)).toBe(500);
    expect(parseRetryAfter("Thu, 01 Jan 2026 00:00:07 GMT", now)).toBe(7000);
    expect(parseRetryAfter("Wed, 31 Dec 2025 00:00:07 GMT", now)).toBe(0);
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter("soon", now)).toBeUndefined();
  });
});
