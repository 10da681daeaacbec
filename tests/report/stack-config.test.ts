import * as path from "node:path";
import { parseStackSettings, readStackSettings } from "../../report/stack-config";

describe("stack settings for the report", () => {
  it("reads mounts, secret names (never values) and the start policy from Pulumi.<stack>.yaml", () => {
    const s = parseStackSettings(
      [
        "config:",
        "  databricks-dr:role: secondary",
        "  databricks-dr:clusterStartPolicy: keepOriginal",
        '  databricks-dr:passiveAutoTerminationMinutes: "15"',
        '  databricks-dr:activation: "true"',
        "  databricks-dr:mounts:",
        "    - name: raw",
        "      container: data",
        "  databricks-dr:secrets:",
        "    etl:",
        "      api-key:",
        "        secure: v1:AAAA",
        "      db-password:",
        "        secure: v1:BBBB",
      ].join("\n"),
      "Pulumi.secondary.yaml",
    );
    expect(s).toMatchObject({
      clusterStartPolicy: "keepOriginal",
      passiveAutoTerminationMinutes: 15,
      activation: true,
      mounts: [{ name: "raw", container: "data" }],
    });
    expect([...(s.secretsSet ?? [])]).toEqual(["etl/api-key", "etl/db-password"]);
    expect(JSON.stringify([...(s.secretsSet ?? [])])).not.toContain("v1:");
  });

  it("cannot tell which secrets are set when the whole map is one encrypted value", () => {
    const s = parseStackSettings("config:\n  databricks-dr:secrets:\n    secure: v1:CCCC\n", "f.yaml");
    expect(s.secretsSet).toBeUndefined();
    expect(parseStackSettings("config: {}\n", "f.yaml").secretsSet?.size).toBe(0);
  });

  it("names the file and key of a bad setting", () => {
    expect(() => parseStackSettings("config:\n  databricks-dr:mounts: 3\n", "Pulumi.secondary.yaml")).toThrow(
      "Pulumi.secondary.yaml: databricks-dr:mounts: expected a list",
    );
    expect(() =>
      parseStackSettings("config:\n  databricks-dr:clusterStartPolicy: sometimes\n", "f.yaml"),
    ).toThrow(/f\.yaml: databricks-dr:clusterStartPolicy: expected one of noWait/);
  });

  it("reads the repository's own Pulumi.secondary.yaml", () => {
    const s = readStackSettings(path.join(__dirname, "..", "..", "Pulumi.secondary.yaml"));
    expect(s).toMatchObject({ activation: false, excludedKinds: [] });
    expect(s.passiveAutoTerminationMinutes).toBeGreaterThanOrEqual(10);
  });

  it("turns includeKinds into the kinds left out", () => {
    const s = parseStackSettings("config:\n  databricks-dr:includeKinds: user,group\n", "f.yaml");
    expect(s.excludedKinds).toContain("job");
    expect(s.excludedKinds).not.toContain("user");
  });
});
