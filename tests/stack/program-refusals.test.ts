/**
 * Bad input stops the program before any resource is registered: config through index.ts (the real entry
 * point, reading Pulumi config), a wrong storage SKU, a malformed snapshot.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { SnapshotError } from "../../snapshot/errors";
import { resealSnapshot } from "../../snapshot/seal";
import { JOB_BATCH } from "./helpers/jobs";
import { installMocks, MockWorld, settle } from "./helpers/mocks";
import { sampleWorld } from "../helpers/sample-world";

/** The fields the edits below reach into, on a descriptor read back as JSON. */
type Item = { settings: Record<string, unknown>; spec: Record<string, unknown>; acl: { level: string }[] };

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
  const dir = sampleWorld().write();
  const file = path.join(dir, "descriptors", "job.json");
  const doc = JSON.parse(fs.readFileSync(file, "utf8"));
  const id: string = doc.items[0].id;
  doc.items[0].originalPause.schedule = "SOMETIMES";
  fs.writeFileSync(file, JSON.stringify(doc));
  resealSnapshot(dir);
  setConfig({ role: "secondary", location: "westus", snapshotPath: dir });
  const run = program();
  await expect(run).rejects.toThrow(SnapshotError);
  await expect(run).rejects.toThrow(`descriptors/job.json, object "${id}", field originalPause.schedule`);
  await settle();
  expect(world.registrations).toHaveLength(0);
});

it("refuses a snapshot edited after export (hash mismatch)", async () => {
  const dir = sampleWorld().write();
  fs.appendFileSync(path.join(dir, "descriptors", "cluster.json"), " ");
  setConfig({ role: "secondary", location: "westus", snapshotPath: dir });
  await expect(program()).rejects.toThrow(/descriptors\/cluster\.json: content does not match the sha256/);
  await settle();
  expect(world.registrations).toHaveLength(0);
});

/** A sealed-snapshot violation: the program throws naming the file, and registers nothing at all. */
async function refusesSnapshot(dir: string, message: RegExp) {
  setConfig({ role: "secondary", location: "westus", snapshotPath: dir });
  const run = program();
  await expect(run).rejects.toThrow(SnapshotError);
  await expect(run).rejects.toThrow(message);
  await settle();
  expect(world.registrations).toHaveLength(0);
}

const firstNotebookFile = (dir: string): string =>
  JSON.parse(fs.readFileSync(path.join(dir, "descriptors", "notebook.json"), "utf8")).items[0].content.file;

it("refuses a snapshot whose descriptor file was deleted (not zero objects)", async () => {
  const dir = sampleWorld().write();
  fs.rmSync(path.join(dir, "descriptors", "job.json"));
  await refusesSnapshot(dir, /^descriptors\/job\.json: is listed in manifest\.json but missing/);
});

it("refuses an unknown kind file", async () => {
  const dir = sampleWorld().write();
  fs.writeFileSync(path.join(dir, "descriptors", "no-such-kind.json"), "{}");
  await refusesSnapshot(dir, /^descriptors\/no-such-kind\.json: is not a descriptor file of a known kind/);
});

it("refuses a descriptor file of another schemaVersion", async () => {
  const dir = sampleWorld().write();
  const file = path.join(dir, "descriptors", "cluster.json");
  fs.writeFileSync(
    file,
    fs.readFileSync(file, "utf8").replace(/"schemaVersion": \d+/, '"schemaVersion": 99'),
  );
  resealSnapshot(dir);
  await refusesSnapshot(dir, /^descriptors\/cluster\.json, field schemaVersion/);
});

it("refuses a descriptor whose entry was removed from the manifest", async () => {
  const dir = sampleWorld().write();
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, "manifest.json"), "utf8"));
  delete manifest.files["descriptors/job.json"];
  fs.writeFileSync(path.join(dir, "manifest.json"), JSON.stringify(manifest));
  await refusesSnapshot(dir, /^descriptors\/job\.json: is not listed in manifest\.json/);
});

it("refuses a symlink under content/ pointing outside the snapshot, whose bytes would be uploaded", async () => {
  const dir = sampleWorld().write();
  const rel = firstNotebookFile(dir);
  const outside = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "outside-")), "secret.py");
  fs.writeFileSync(outside, "print('not from the primary')\n");
  fs.rmSync(path.join(dir, rel));
  fs.symlinkSync(outside, path.join(dir, rel));
  await refusesSnapshot(dir, /is a symbolic link: a snapshot holds regular files only/);
});

it("refuses a content file altered after the export", async () => {
  const dir = sampleWorld().write();
  fs.appendFileSync(path.join(dir, firstNotebookFile(dir)), "# appended\n");
  await refusesSnapshot(dir, /content does not match the sha256 recorded in manifest\.json/);
});

it("refuses wrong types inside job settings, cluster specs and ACLs", async () => {
  for (const [kind, edit, field] of [
    [
      "job",
      (d: Item) => {
        d.settings.tasks = "notalist";
      },
      "settings.tasks",
    ],
    [
      "cluster",
      (d: Item) => {
        d.spec.num_workers = "two";
      },
      "spec.num_workers",
    ],
    [
      "permissions",
      (d: Item) => {
        d.acl[0].level = "GOD_MODE";
      },
      "acl[0].level",
    ],
  ] as const) {
    const dir = sampleWorld().write();
    const file = path.join(dir, "descriptors", `${kind}.json`);
    const doc = JSON.parse(fs.readFileSync(file, "utf8"));
    edit(doc.items[0]);
    fs.writeFileSync(file, JSON.stringify(doc));
    resealSnapshot(dir);
    const at = field.replace(/[.[\]]/g, "\\$&");
    await refusesSnapshot(dir, new RegExp(`^descriptors/${kind}\\.json, object "[^"]+", field ${at}:`));
    world.registrations.length = 0;
  }
});

it("refuses secret values that were not set as secrets", async () => {
  setConfig({
    role: "secondary",
    location: "westus",
    snapshotPath: sampleWorld().write(),
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
      snapshotPath: sampleWorld().write(),
      secrets: '{"etl":{"db-password":"x"}}',
    },
    ["secrets"],
  );
  const out = (await program()) as { role: string; manualActions: unknown[] };
  await settle();
  expect(out.role).toBe("secondary");
  expect(out.manualActions.length).toBeGreaterThan(0);
  expect(world.registrations.some((r) => r.type === JOB_BATCH)).toBe(true);
});
