/**
 * Bad input stops the program before any resource is registered: config through index.ts (the real entry
 * point, reading Pulumi config), a wrong storage SKU, a malformed snapshot.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { SnapshotError } from "../../snapshot/errors";
import { installMocks, MockWorld, settle } from "./helpers/mocks";
import { writeSampleSnapshot } from "./helpers/sample-snapshot";

let world: MockWorld;
beforeEach(async () => {
  world = await installMocks();
});

function setConfig(values: Record<string, string>, secretKeys: string[] = []) {
  pulumi.runtime.setAllConfig(
    Object.fromEntries(Object.entries(values).map(([k, v]) => [`databricks-dr:${k}`, v])),
    secretKeys.map((k) => `databricks-dr:${k}`),
  );
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const program = () => (require("../../index") as () => Promise<unknown>)();

it("refuses a locally redundant storage SKU, naming the key, before registering anything", async () => {
  setConfig({ role: "primary", location: "eastus2", storageSku: "Standard_LRS" });
  await expect(program()).rejects.toThrow(
    /^databricks-dr:storageSku: Standard_LRS keeps data in one region and is refused for disaster recovery/,
  );
  await settle();
  expect(world.registrations).toHaveLength(0);
});

it("refuses a malformed snapshot, naming file, object and field, before registering anything", async () => {
  const dir = writeSampleSnapshot();
  const file = path.join(dir, "descriptors", "job.json");
  const doc = JSON.parse(fs.readFileSync(file, "utf8"));
  doc.items[0].originalPause.schedule = "SOMETIMES";
  fs.writeFileSync(file, JSON.stringify(doc));
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, "manifest.json"), "utf8"));
  delete manifest.hashes["descriptors/job.json"];
  fs.writeFileSync(path.join(dir, "manifest.json"), JSON.stringify(manifest));
  setConfig({ role: "secondary", location: "westus", snapshotPath: dir });
  const run = program();
  await expect(run).rejects.toThrow(SnapshotError);
  await expect(run).rejects.toThrow(/descriptors\/job\.json, object "101", field originalPause\.schedule/);
  await settle();
  expect(world.registrations).toHaveLength(0);
});

it("refuses a snapshot edited after export (hash mismatch)", async () => {
  const dir = writeSampleSnapshot();
  fs.appendFileSync(path.join(dir, "descriptors", "cluster.json"), " ");
  setConfig({ role: "secondary", location: "westus", snapshotPath: dir });
  await expect(program()).rejects.toThrow(/descriptors\/cluster\.json: content does not match the sha256/);
  await settle();
  expect(world.registrations).toHaveLength(0);
});

it("refuses secret values that were not set as secrets", async () => {
  setConfig({
    role: "secondary",
    location: "westus",
    snapshotPath: writeSampleSnapshot(),
    secrets: '{"etl":{"k":"v"}}',
  });
  await expect(program()).rejects.toThrow(
    /^databricks-dr:secrets: holds secret values: set it with `pulumi config set --secret --path`/,
  );
  await settle();
  expect(world.registrations).toHaveLength(0);
});

it("builds from Pulumi config through index.ts", async () => {
  setConfig(
    {
      role: "secondary",
      location: "westus",
      snapshotPath: writeSampleSnapshot(),
      secrets: '{"etl":{"db-password":"x"}}',
    },
    ["secrets"],
  );
  const out = (await program()) as { role: string; manualActions: unknown[] };
  await settle();
  expect(out.role).toBe("secondary");
  expect(out.manualActions.length).toBeGreaterThan(0);
  expect(world.registrations.some((r) => r.type === "databricks:index/job:Job")).toBe(true);
});
