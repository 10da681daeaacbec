/**
 * Databricks gives whoever creates a secret scope MANAGE on it. On the recorded scope ACLs (one MANAGE grant,
 * to test@test.com) the secondary's scope must hold exactly that: the deploying principal's implicit grant is
 * removed (components/dynamic/scope-creator-acl-impl.ts), and verify passes on the scope.
 */
import { runRoundTrip, clientFor, DEFAULT_TOKEN, startWorkspace } from "../../roundtrip";
import { EXPORTED_AT, removeWorkDirs, workDir } from "./helpers";

afterAll(() => removeWorkDirs());

it("the secondary's scope holds the primary's recorded ACLs, not its creator's MANAGE", async () => {
  const primary = await startWorkspace("fixtures");
  try {
    const client = clientFor({ url: primary.url, token: DEFAULT_TOKEN });
    // The recording's ACLs alone: the companion grant of the fixtures workspace's admin goes.
    await client.post("/api/2.0/secrets/acls/delete", {
      scope: "some-kv-scope",
      principal: "admin@example.com",
    });
    const recorded = await client.get<{ items?: { principal: string; permission: string }[] }>(
      "/api/2.0/secrets/acls/list",
      { scope: "some-kv-scope" },
    );
    expect(recorded.items).toEqual([{ principal: "test@test.com", permission: "MANAGE" }]);
    const r = await runRoundTrip({
      primary: { url: primary.url, token: DEFAULT_TOKEN },
      dir: workDir("scope-acl"),
      exportedAt: EXPORTED_AT,
      keepSecondary: true,
    });
    try {
      expect(r.stack.log.failures).toEqual([]);
      const scope = r.verify.objects.find((o) => o.kind === "secret-scope" && o.key === "some-kv-scope");
      expect(scope?.unexpected ?? false).toBe(false);
      const got = await clientFor({ url: r.secondary!.url, token: DEFAULT_TOKEN }).get<{
        items?: { principal: string; permission: string }[];
      }>("/api/2.0/secrets/acls/list", { scope: "some-kv-scope" });
      expect(got.items).toEqual([{ principal: "test@test.com", permission: "MANAGE" }]);
    } finally {
      await r.secondary?.close();
    }
  } finally {
    await primary.close();
  }
}, 120000);
