import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { AccessToken, TokenCredential } from "@azure/identity";
import { AZURE_DATABRICKS_SCOPE, azureTokenSource, resolveAuth } from "../../client/auth";
import { Redactor, redact } from "../../client/redact";

// Fake tokens are built at run time, so nothing token-shaped is committed.
const PAT_A = "dapi" + "a".repeat(32);
const PAT_B = "dapi" + "0123456789abcdef".repeat(2);

function cfgFile(text: string): string {
  const f = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "dbcfg-")), ".databrickscfg");
  fs.writeFileSync(f, text);
  return f;
}

const CFG = `[DEFAULT]
host = https://adb-1.1.azuredatabricks.net/
token = ${PAT_A}

[sp]
host = adb-2.2.azuredatabricks.net
azure_client_id = 11111111-1111-1111-1111-111111111111
azure_client_secret = very-secret-value
azure_tenant_id = 22222222-2222-2222-2222-222222222222

[cli]
host = https://adb-3.3.azuredatabricks.net
auth_type = azure-cli
`;

describe("resolveAuth", () => {
  const file = cfgFile(CFG);
  const credentialFor = jest.fn((): TokenCredential => ({
    getToken: async () => ({ token: "aad", expiresOnTimestamp: Date.now() + 3600e3 }),
  }));

  it("reads a named profile", () => {
    const a = resolveAuth({ profile: "DEFAULT", configFile: file, env: {} });
    expect(a).toMatchObject({ host: "https://adb-1.1.azuredatabricks.net", method: "pat" });
    expect(a.auth).toEqual({ token: PAT_A });
  });

  it("picks the Azure credential a profile asks for", () => {
    expect(resolveAuth({ profile: "sp", configFile: file, env: {}, credentialFor })).toMatchObject({
      host: "https://adb-2.2.azuredatabricks.net",
      method: "azure-client-secret",
      secrets: ["very-secret-value"],
    });
    expect(resolveAuth({ profile: "cli", configFile: file, env: {}, credentialFor }).method).toBe(
      "azure-cli",
    );
  });

  it("prefers DATABRICKS_HOST/DATABRICKS_TOKEN over the DEFAULT profile, and --host over both", () => {
    const env = { DATABRICKS_HOST: "http://127.0.0.1:1", DATABRICKS_TOKEN: "tok-env-123" };
    expect(resolveAuth({ configFile: file, env })).toMatchObject({
      host: "http://127.0.0.1:1",
      source: "environment",
    });
    expect(resolveAuth({ configFile: file, env, host: "http://127.0.0.1:2" }).host).toBe(
      "http://127.0.0.1:2",
    );
    expect(resolveAuth({ configFile: file, env: {} }).source).toMatch(/DEFAULT/);
  });

  it("uses DefaultAzureCredential for an Azure host without a token, and names a missing profile", () => {
    expect(
      resolveAuth({
        host: "https://adb-9.9.azuredatabricks.net",
        configFile: "/nonexistent",
        env: {},
        credentialFor,
      }).method,
    ).toBe("azure-default");
    expect(() => resolveAuth({ profile: "nope", configFile: file, env: {} })).toThrow(
      /profile "nope" not found/,
    );
    expect(() => resolveAuth({ host: "http://127.0.0.1:1", configFile: "/nonexistent", env: {} })).toThrow(
      /no credentials/,
    );
  });
});

describe("azureTokenSource", () => {
  it("asks for the Azure Databricks scope once and reuses the token until near expiry", async () => {
    const scopes: string[] = [];
    let n = 0;
    const cred: TokenCredential = {
      getToken: async (scope): Promise<AccessToken> => {
        scopes.push(String(scope));
        return { token: `t${++n}`, expiresOnTimestamp: Date.now() + (n === 1 ? 3600e3 : 60e3) };
      },
    };
    const src = azureTokenSource(cred);
    expect(await Promise.all([src.getToken(), src.getToken()])).toEqual(["t1", "t1"]);
    expect(scopes).toEqual([AZURE_DATABRICKS_SCOPE]);
  });
});

describe("redact", () => {
  it("scrubs PATs, bearer headers, JWTs and secret JSON fields", () => {
    const jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlLXZhbHVl";
    const text = `Authorization: Bearer abc.def ${PAT_B}-2 ${jwt} {"string_value": "s3cr3t", "token_value":"x"} ?token=zzz&a=1`;
    const out = redact(text);
    for (const s of ["abc.def", "0123456789abcdef", "eyJzdWIi", "s3cr3t", '"x"', "zzz"])
      expect(out).not.toContain(s);
    expect(out).toContain("&a=1");
  });

  it("scrubs exact registered secrets", () => {
    const r = new Redactor();
    r.addSecret("plain-looking-secret");
    expect(r.redact("the value plain-looking-secret here")).toBe("the value *** here");
  });
});
