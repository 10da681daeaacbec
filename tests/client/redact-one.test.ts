import { addProcessSecret, redact, Redactor } from "../../client/redact";

// Credential shapes built at run time (nothing credential-shaped is committed).
const accountKey = "Ab3+".repeat(21) + "xy==";
const clientSecret = "abc8Q~" + "Z".repeat(34);
const urlToken = "dapi" + "7".repeat(32);

describe("one redaction for everything that leaves the process", () => {
  it("scrubs credentials in URLs, SAS signatures, account keys and client secrets", () => {
    const text = [
      `GET https://token:${urlToken}@adb-1.azuredatabricks.net/api/2.0/x failed`,
      "https://acct.blob.core.windows.net/c?sv=2022-11-02&sp=r&sig=AbCdEfGh1234%2Bxyz&se=2027",
      `DefaultEndpointsProtocol=https;AccountName=a;AccountKey=${accountKey};EndpointSuffix=core.windows.net`,
      `key ${accountKey} and secret ${clientSecret}`,
    ].join("\n");
    const out = redact(text);
    for (const s of [urlToken, "AbCdEfGh1234", accountKey, clientSecret]) expect(out).not.toContain(s);
    expect(out).toContain("https://***@adb-1.azuredatabricks.net/api/2.0/x");
    expect(out).toContain("&se=2027");
    // Plain URLs and e-mail addresses are left alone.
    expect(redact("see https://adb-1.azuredatabricks.net/?o=1 or mail ops@example.com")).toBe(
      "see https://adb-1.azuredatabricks.net/?o=1 or mail ops@example.com",
    );
  });

  it("a secret registered on a client's redactor is masked by every redaction of the process", () => {
    const clientOwn = new Redactor();
    clientOwn.addSecret("aad-token-value-1234");
    expect(redact("failed with aad-token-value-1234")).toBe("failed with ***");
    addProcessSecret("profile-secret-5678");
    expect(new Redactor().redact("x profile-secret-5678 y")).toBe("x *** y");
  });
});
