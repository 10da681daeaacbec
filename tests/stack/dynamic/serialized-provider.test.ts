/**
 * Pulumi stores a dynamic provider as serialized JavaScript and runs it in its own dynamic-provider process,
 * which has no TypeScript loader. This serializes the folder-tree sync provider as Pulumi does, then loads and
 * runs it in a plain `node` process (token from the environment, as under `pulumi up`) against the emulator.
 */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import * as pulumi from "@pulumi/pulumi";
import { RunningEmulator } from "../../../emulator";
import { DatabricksClient } from "../../../client";
import { lazyProvider } from "../../../components/dynamic/shell";
import { readSnapshot } from "../../../snapshot/reader";
import { sampleWorld } from "../../helpers/sample-world";
import { emptyWorkspace, exportSource, TOKEN } from "./helpers";

let emu: RunningEmulator;
let client: DatabricksClient;
beforeAll(async () => {
  ({ emu, client } = await emptyWorkspace());
});
afterAll(async () => {
  await emu.close();
});

it("serializes to a few kilobytes and runs create in a process without TypeScript", async () => {
  const shell = lazyProvider(require.resolve("../../../components/dynamic/tree-sync-impl"), "treeSyncImpl");
  const sf = await pulumi.runtime.serializeFunction(() => shell, { allowSecrets: true });
  expect(sf.text.length).toBeLessThan(4000);
  expect(sf.text).not.toContain(TOKEN);

  const root = sampleWorld().write();
  const nb = readSnapshot(root).descriptors.notebook.find((n) => n.path === "/Shared/etl/bronze_to_silver")!;
  const inputs = {
    host: emu.url,
    snapshotRoot: root,
    unit: "/Shared/etl",
    objects: {
      "/Shared/etl": "DIRECTORY",
      [nb.path]: `NOTEBOOK ${nb.language} ${nb.content.sha256} ${nb.content.file}`,
    },
    acls: {},
    prune: false,
  };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dbdr-provider-"));
  fs.writeFileSync(path.join(dir, "provider.js"), sf.text);
  fs.writeFileSync(path.join(dir, "inputs.json"), JSON.stringify(inputs));
  const script = `
    const p = require("require-from-string")(require("fs").readFileSync(${JSON.stringify(path.join(dir, "provider.js"))}, "utf8")).handler();
    p.create(JSON.parse(require("fs").readFileSync(${JSON.stringify(path.join(dir, "inputs.json"))}, "utf8")))
      .then((r) => console.log(JSON.stringify({ id: r.id, loaders: Object.keys(require.extensions) })))
      .catch((e) => { console.error(e); process.exit(1); });`;
  const { stdout } = await promisify(execFile)(process.execPath, ["-e", script], {
    cwd: path.join(__dirname, "../../.."),
    env: { PATH: process.env.PATH, DATABRICKS_DR_TOKEN: TOKEN },
  });
  const out = JSON.parse(stdout.trim().split("\n").pop()!);
  expect(out.id).toBe("tree:/Shared/etl");
  // The notebook's source as the emulator's sample seeds it (emulator/seeds/sample-tree.ts, PY_BRONZE).
  expect(await exportSource(client, "/Shared/etl/bronze_to_silver")).toContain(
    'dbutils.widgets.text("env", "dev")',
  );
});

describe("portable state: the provider serialized from one checkout runs from another", () => {
  const repo = path.join(__dirname, "../../..");
  /** The provider text as a `pulumi up` run from `from` would have stored it. */
  async function writtenFrom(from: string): Promise<string> {
    const shell = lazyProvider(require.resolve("../../../components/dynamic/tree-sync-impl"), "treeSyncImpl");
    const sf = await pulumi.runtime.serializeFunction(() => shell, { allowSecrets: true });
    expect(sf.text).toContain(repo);
    return sf.text.split(repo).join(from);
  }
  async function runIn(cwd: string, text: string, call: string): Promise<string> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dbdr-moved-"));
    fs.writeFileSync(path.join(dir, "provider.js"), text);
    const script = `
      const p = require(${JSON.stringify(require.resolve("require-from-string", { paths: [require.resolve("@pulumi/pulumi")] }))})(require("fs").readFileSync(${JSON.stringify(path.join(dir, "provider.js"))}, "utf8")).handler();
      Promise.resolve().then(() => ${call}).then((r) => console.log(JSON.stringify(r ?? null)))
        .catch((e) => { console.error(e.message); process.exit(3); });`;
    try {
      const { stdout } = await promisify(execFile)(process.execPath, ["-e", script], {
        cwd,
        env: { PATH: process.env.PATH, DATABRICKS_DR_TOKEN: TOKEN },
      });
      return stdout.trim();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }

  it("diffs and deletes old state written from a checkout path that is gone", async () => {
    const text = await writtenFrom("/nonexistent/agent-7/_work/databricks-dr");
    const olds = {
      host: emu.url,
      snapshotRoot: "/nonexistent/agent-7/_work/databricks-dr/dr-snapshot/primary",
      unit: "/gone",
      objects: { "/gone": "DIRECTORY" },
      acls: {},
      prune: false,
    };
    const diff = await runIn(
      repo,
      text,
      `p.diff("tree:/gone", ${JSON.stringify(olds)}, ${JSON.stringify(olds)})`,
    );
    expect(JSON.parse(diff).changes).toBe(false);
    expect(await runIn(repo, text, `p.delete("tree:/gone", ${JSON.stringify(olds)})`)).toBe("null");
  });

  it("names the module and what to do when no checkout can be found", async () => {
    const text = await writtenFrom("/nonexistent/old-checkout");
    await expect(runIn(os.tmpdir(), text, `p.delete("x", {})`)).rejects.toThrow(
      /cannot load components\/dynamic\/tree-sync-impl \(treeSyncImpl\).*DATABRICKS_DR_ROOT/s,
    );
  });
});
