/** The stack files shipped in the repository are valid config for the program (as Pulumi hands it over). */
import * as fs from "node:fs";
import * as path from "node:path";
import { parse as parseYaml } from "yaml";
import { parseStackConfig } from "../../../components/config";

const ROOT = path.join(__dirname, "../../..");

function stackValues(file: string): Record<string, string> {
  const doc = parseYaml(fs.readFileSync(path.join(ROOT, file), "utf8")) as {
    config: Record<string, unknown>;
  };
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(doc.config)) {
    expect(k.startsWith("databricks-dr:")).toBe(true);
    out[k.slice("databricks-dr:".length)] =
      typeof v === "string" ? v : typeof v === "object" ? JSON.stringify(v) : String(v);
  }
  return out;
}

it("declares the project as a TypeScript Pulumi program with index.ts as main", () => {
  const project = parseYaml(fs.readFileSync(path.join(ROOT, "Pulumi.yaml"), "utf8"));
  expect(project).toMatchObject({
    name: "databricks-dr",
    runtime: { name: "nodejs", options: { typescript: true } },
    main: "index.ts",
  });
});

it("parses Pulumi.primary.yaml: East US 2, no snapshot", () => {
  const c = parseStackConfig({
    project: "databricks-dr",
    stack: "primary",
    values: stackValues("Pulumi.primary.yaml"),
  });
  expect(c).toMatchObject({
    role: "primary",
    location: "eastus2",
    storage: { sku: "Standard_RAGRS", containers: ["data", "checkpoints"] },
  });
  expect(c.snapshotPath).toBeUndefined();
});

it("parses Pulumi.secondary.yaml: West US, passive, replicating the snapshot", () => {
  const c = parseStackConfig({
    project: "databricks-dr",
    stack: "secondary",
    values: stackValues("Pulumi.secondary.yaml"),
  });
  expect(c).toMatchObject({
    role: "secondary",
    location: "westus",
    activation: false,
    prune: false,
    clusterStartPolicy: "noWait",
    snapshotPath: "dr-snapshot/primary",
  });
  expect(c.network.vnetCidr).not.toBe(
    parseStackConfig({ project: "p", stack: "primary", values: stackValues("Pulumi.primary.yaml") }).network
      .vnetCidr,
  );
});
