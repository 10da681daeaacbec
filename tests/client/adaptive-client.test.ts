import { DatabricksClient } from "../../client";
import { json, scriptedServer } from "./server";

const fast = { baseDelayMs: 5, maxDelayMs: 20 };
const adaptation = { decrease: 0.8, increase: 0.02, floor: 0.05 };

/** A client paced by its own table (jobs-read, clusters-read, workspace-read: 100/s each). */
function paced(url: string, log?: (l: string) => void) {
  return new DatabricksClient({ host: url, auth: { token: "t" }, retry: fast, adaptation, log });
}

describe("the client steers each family's rate by the server's answers", () => {
  it("every throttle shape cuts its family's rate; other answers do not", async () => {
    const srv = await scriptedServer((req, res) => {
      const first = srv.seen.filter((s) => s.url.pathname === req.url.pathname).length === 1;
      const p = req.url.pathname;
      if (!first) return json(res, 200, {});
      if (p === "/api/2.1/jobs/list")
        return json(res, 429, { error_code: "REQUEST_LIMIT_EXCEEDED", message: "Too many requests" });
      if (p === "/api/2.0/clusters/list")
        return json(res, 400, { message: "RPC token bucket limit has been exceeded" });
      if (p === "/api/2.0/workspace/list")
        return json(res, 404, { error_code: "RESOURCE_DOES_NOT_EXIST", message: "no such path" });
      if (p === "/api/2.0/policies/clusters/list")
        return json(res, 503, { error_code: "TEMPORARILY_UNAVAILABLE", message: "down" });
      return json(res, 200, {});
    });
    try {
      const c = paced(srv.url);
      await c.get("/api/2.1/jobs/list");
      await c.get("/api/2.0/clusters/list");
      await c.get("/api/2.0/workspace/list").catch(() => undefined);
      await c.get("/api/2.0/policies/clusters/list");
      // Cut to 80/s, then one answered request adds 0.02 × 100 / 80.
      expect(c.pacedRate("jobs-read")).toBeCloseTo(80.025, 3);
      expect(c.pacedRate("clusters-read")).toBeCloseTo(80.025, 3);
      expect(c.pacedRate("workspace-read")).toBe(100);
      expect(c.pacedRate("policies-pools")).toBe(100);
      expect(c.stats().throttled).toBe(2);
    } finally {
      await srv.close();
    }
  });

  it("a Retry-After holds the whole family, not the others", async () => {
    const arrivals: { path: string; at: number }[] = [];
    const srv = await scriptedServer((req, res, n) => {
      arrivals.push({ path: req.url.pathname, at: Date.now() });
      if (n === 0)
        return json(
          res,
          429,
          { error_code: "REQUEST_LIMIT_EXCEEDED", message: "slow down" },
          { "Retry-After": "1" },
        );
      json(res, 200, {});
    });
    try {
      let others: Promise<unknown> | undefined;
      const c = paced(srv.url, (line) => {
        // The throttle is in: another request of the family, and one of another family.
        if (!others && line.includes("retry 1"))
          others = Promise.all([c.get("/api/2.1/jobs/get"), c.get("/api/2.0/clusters/list")]);
      });
      await c.get("/api/2.1/jobs/list");
      await others;
      const at = (p: string) => arrivals.filter((a) => a.path === p).map((a) => a.at - arrivals[0].at);
      expect(at("/api/2.1/jobs/get")[0]).toBeGreaterThanOrEqual(950);
      expect(at("/api/2.0/clusters/list")[0]).toBeLessThan(500);
      expect(c.pacedRate("jobs-read")).toBeLessThan(81);
    } finally {
      await srv.close();
    }
  });

  it("unpaced (limits: false), throttles are retried but nothing is held or cut", async () => {
    const srv = await scriptedServer((_req, res, n) =>
      n === 0 ? json(res, 429, { error_code: "REQUEST_LIMIT_EXCEEDED", message: "x" }) : json(res, 200, {}),
    );
    try {
      const c = new DatabricksClient({ host: srv.url, auth: { token: "t" }, retry: fast, limits: false });
      await c.get("/api/2.1/jobs/list");
      expect(c.pacedRate("jobs-read")).toBeUndefined();
      expect(c.stats()).toMatchObject({ requests: 2, throttled: 1 });
    } finally {
      await srv.close();
    }
  });
});
