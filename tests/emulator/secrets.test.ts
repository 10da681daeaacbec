import { SAMPLE_SECRET_VALUES } from "../../emulator/seeds/sample";
import { b64, useSampleEmulator } from "./helpers";

const suite = useSampleEmulator();

describe("secrets", () => {
  it("lists Databricks and Key Vault scopes with their metadata", async () => {
    const scopes = (await suite.api.get("/api/2.0/secrets/scopes/list")).json.scopes;
    expect(scopes).toEqual([
      { name: "etl", backend_type: "DATABRICKS" },
      {
        name: "kv-prod",
        backend_type: "AZURE_KEYVAULT",
        keyvault_metadata: expect.objectContaining({ dns_name: "https://kv-prod-primary.vault.azure.net/" }),
        is_databricks_managed: false, // as the recorded scopes/list answer carries it
      },
    ]);
  });

  it("never returns a secret value from any call", async () => {
    await suite.api.post("/api/2.0/secrets/put", {
      scope: "etl",
      key: "fresh",
      string_value: "PLANTED-fresh-value",
    });
    await suite.api.post("/api/2.0/secrets/put", {
      scope: "etl",
      key: "bytes",
      bytes_value: b64("PLANTED-bytes-value"),
    });
    const planted = [...SAMPLE_SECRET_VALUES, "PLANTED-fresh-value", "PLANTED-bytes-value"];
    const calls = [
      "/api/2.0/secrets/scopes/list",
      "/api/2.0/secrets/list?scope=etl",
      "/api/2.0/secrets/list?scope=kv-prod",
      "/api/2.0/secrets/acls/list?scope=etl",
      "/api/2.0/secrets/get?scope=etl&key=db-password",
    ];
    for (const c of calls) {
      const r = await suite.api.get(c);
      for (const v of planted) {
        expect(r.text).not.toContain(v);
        expect(r.text).not.toContain(b64(v));
      }
    }
    expect((await suite.api.get("/api/2.0/secrets/get?scope=etl&key=db-password")).status).toBe(403);
    const keys = (await suite.api.get("/api/2.0/secrets/list?scope=etl")).json.secrets;
    expect(keys.map((k: { key: string }) => k.key)).toEqual([
      "db-password",
      "storage-key",
      "api-token",
      "fresh",
      "bytes",
    ]);
    expect(Object.keys(keys[0]).sort()).toEqual(["key", "last_updated_timestamp"]);
  });

  it("refuses to put into a Key Vault scope and to create a scope twice", async () => {
    const kv = await suite.api.post("/api/2.0/secrets/put", {
      scope: "kv-prod",
      key: "k",
      string_value: "v",
    });
    expect(kv.status).toBe(400);
    const dup = await suite.api.post("/api/2.0/secrets/scopes/create", { scope: "etl" });
    expect(dup.json.error_code).toBe("RESOURCE_ALREADY_EXISTS");
    const missing = await suite.api.get("/api/2.0/secrets/list?scope=nope");
    expect(missing.status).toBe(404);
  });

  it("manages ACLs", async () => {
    expect(
      (await suite.api.get("/api/2.0/secrets/acls/get?scope=etl&principal=data-engineers")).json,
    ).toEqual({
      principal: "data-engineers",
      permission: "READ",
    });
    await suite.api.post("/api/2.0/secrets/acls/put", {
      scope: "etl",
      principal: "users",
      permission: "READ",
    });
    await suite.api.post("/api/2.0/secrets/acls/delete", { scope: "etl", principal: "data-engineers" });
    const items = (await suite.api.get("/api/2.0/secrets/acls/list?scope=etl")).json.items;
    expect(items.map((i: { principal: string }) => i.principal).sort()).toEqual([
      "admin@example.com",
      "alice.smith@example.com",
      "users",
    ]);
    const bad = await suite.api.post("/api/2.0/secrets/acls/put", {
      scope: "etl",
      principal: "users",
      permission: "OWN",
    });
    expect(bad.status).toBe(400);
  });
});
