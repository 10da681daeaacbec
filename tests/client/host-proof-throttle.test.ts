/**
 * The workspace proof (client/host.ts) asks SCIM's Me with few retries first, then with the full budget.
 * When the first pass ends on a throttle, the second pass must not start before the Retry-After the
 * last answer asked for (`fault-suite --seed 93`: a 429 retried 1 ms after its Retry-After).
 */
import { DatabricksClient } from "../../client";
import { proveWorkspace } from "../../client/host";
import { json, scriptedServer } from "./server";

it("a throttled Me is asked again only after its Retry-After, across the two passes", async () => {
  const times: number[] = [];
  const server = await scriptedServer((req, res, n) => {
    times.push(performance.now());
    // Three throttles use up the first pass (one try and two retries); the fourth answer is the principal.
    if (n < 3)
      return json(
        res,
        429,
        { error_code: "REQUEST_LIMIT_EXCEEDED", message: "slow down" },
        { "Retry-After": "1" },
      );
    json(res, 200, { schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"], id: "1", userName: "a@b.c" });
  });
  try {
    const client = new DatabricksClient({
      host: server.url,
      auth: { token: "t" },
      limits: false,
      // Retry-After 1 s, capped to 150 ms: each gap must be at least that (lower bounds only, no timing luck).
      retry: { baseDelayMs: 1, maxDelayMs: 2, maxRetryAfterMs: 150 },
    });
    await proveWorkspace(client);
  } finally {
    await server.close();
  }
  expect(times).toHaveLength(4);
  const gaps = times.slice(1).map((t, i) => t - times[i]);
  for (const g of gaps) expect(g).toBeGreaterThanOrEqual(148);
});
