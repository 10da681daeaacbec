import { parseStackSettings } from "../../report/stack-config";

describe("nodeTypeMap in the stack settings verify reads", () => {
  it("is read from Pulumi.<stack>.yaml as `pulumi config set --path` writes it", () => {
    const s = parseStackSettings(
      ["config:", "  databricks-dr:nodeTypeMap:", "    i3.xlarge: Standard_DS3_v2"].join("\n"),
      "Pulumi.secondary.yaml",
    );
    expect(s.nodeTypeMap).toEqual({ "i3.xlarge": "Standard_DS3_v2" });
    expect(parseStackSettings("config: {}\n", "f.yaml").nodeTypeMap).toBeUndefined();
  });

  it("a value that is not a map of names is refused, naming file and key", () => {
    expect(() => parseStackSettings("config:\n  databricks-dr:nodeTypeMap: [a]\n", "Pulumi.s.yaml")).toThrow(
      /^Pulumi\.s\.yaml: databricks-dr:nodeTypeMap: expected/,
    );
  });
});
