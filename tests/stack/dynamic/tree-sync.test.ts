/**
 * The folder-tree sync provider against the workspace emulator, for real: create, diff, update and delete
 * go through the REST client (mkdirs, import, permissions, delete). serialized-provider.test.ts runs the
 * serialized form in a plain Node process, as Pulumi's dynamic-provider process does.
 */
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { DatabricksClient } from "../../../client";
import { RunningEmulator } from "../../../emulator";
import { readSnapshot } from "../../../snapshot/reader";
import { resealSnapshot } from "../../../snapshot/seal";
import { TreeSyncInputs, treeChanges, treeSyncImpl } from "../../../components/dynamic/tree-sync-impl";
import { userBatchImpl, groupBatchImpl } from "../../../components/dynamic/identity-sync-impl";
import {
  decodeTreeEntry,
  encodeTreeEntry,
  TreeEntry,
  TreeLine,
} from "../../../components/mapping/tree-partition";
import { sampleWorld } from "../../helpers/sample-world";
import { aclOf, emptyWorkspace, exists, exportSource } from "./helpers";

// The sample seed's people and notebooks (emulator/seeds/sample-people.ts, sample-tree.ts).
const ALICE = "alice.smith@example.com";
const BOB = "bob.jones@example.com";
const INGEST = "/Shared/etl/bronze_to_silver";
const TRANSFORM = "/Shared/etl/silver_to_gold";
/** An R notebook under a path with spaces and non-ASCII characters. */
const SURVIVAL = "/Users/carol.nguyen@example.com/R analysis/Survival – model (v2) été ✓";
const EXPLORE = `/Users/${ALICE}/scratch/explore`;
const CONFIG = "/Shared/etl/config.yaml";

let emu: RunningEmulator;
let client: DatabricksClient;
let snapshotRoot: string;

beforeAll(async () => {
  ({ emu, client } = await emptyWorkspace());
  snapshotRoot = sampleWorld().write();
  // ACLs name principals, which must exist in the workspace.
  await userBatchImpl.create({
    host: emu.url,
    batch: "t",
    principals: { [ALICE]: { name: ALICE, entitlements: [] }, [BOB]: { name: BOB, entitlements: [] } },
    prune: false,
  });
  await groupBatchImpl.create({
    host: emu.url,
    batch: "t",
    principals: {
      "data-eng": { name: "data-eng", entitlements: [] },
      analysts: { name: "analysts", entitlements: [] },
    },
    prune: false,
  });
});
afterAll(async () => {
  await emu.close();
});

function unit(edit?: (i: TreeSyncInputs) => void): TreeSyncInputs {
  const snap = readSnapshot(snapshotRoot);
  const objects: Record<string, TreeLine> = {};
  for (const d of snap.descriptors.directory) objects[d.path] = "DIRECTORY";
  for (const n of snap.descriptors.notebook)
    objects[n.path] = encodeTreeEntry({
      type: "NOTEBOOK",
      language: n.language,
      sha256: n.content.sha256,
      file: n.content.file,
    });
  for (const f of snap.descriptors["workspace-file"])
    objects[f.path] = encodeTreeEntry({ type: "FILE", sha256: f.content.sha256, file: f.content.file });
  const inputs: TreeSyncInputs = {
    host: emu.url,
    snapshotRoot,
    unit: "#0",
    objects,
    acls: {
      "/Shared/etl": `group:data-eng=CAN_MANAGE;user:${BOB}=CAN_EDIT`,
      [INGEST]: "group:analysts=CAN_RUN",
    },
    prune: false,
  };
  edit?.(inputs);
  return inputs;
}

/** A notebook's content file in the snapshot, and a line of its source (the seed's, as exported). */
function contentOf(p: string): { file: string; line: string } {
  const nb = readSnapshot(snapshotRoot).descriptors.notebook.find((n) => n.path === p)!;
  const text = fs.readFileSync(path.join(snapshotRoot, nb.content.file), "utf8");
  return { file: nb.content.file, line: text.split("\n")[1] };
}

/** Rewrites a notebook's content in the snapshot and returns its new manifest entry. */
function rewrite(file: string, text: string, line: TreeLine): TreeLine {
  fs.writeFileSync(path.join(snapshotRoot, file), text);
  const sha256 = createHash("sha256").update(text).digest("hex");
  return encodeTreeEntry({ ...decodeTreeEntry(line), sha256 } as TreeEntry);
}

describe("folder-tree sync against the emulator", () => {
  const provider = treeSyncImpl;
  let state: TreeSyncInputs;

  it("creates directories, notebooks, files and ACLs", async () => {
    const inputs = unit();
    const r = await provider.create(inputs);
    expect(r.id).toBe("tree:#0");
    state = r.outs as TreeSyncInputs;
    expect(state.objects).toEqual(inputs.objects);
    for (const p of [INGEST, SURVIVAL]) {
      expect(contentOf(p).line.length).toBeGreaterThan(5);
      expect(await exportSource(client, p)).toContain(contentOf(p).line);
    }
    const file = await client.get<{ object_type: string }>("/api/2.0/workspace/get-status", {
      path: CONFIG,
    });
    expect(file.object_type).toBe("FILE");
    expect(await aclOf(client, "directories", "/Shared/etl")).toEqual([
      `${BOB}=CAN_EDIT`,
      "data-eng=CAN_MANAGE",
    ]);
    expect(await aclOf(client, "notebooks", INGEST)).toEqual(["analysts=CAN_RUN"]);
  });

  it("names exactly the changed notebooks and ACLs in its diff, and ignores where the snapshot lives", async () => {
    const news = unit((i) => {
      i.objects[TRANSFORM] = encodeTreeEntry({
        ...decodeTreeEntry(i.objects[TRANSFORM]),
        sha256: "f".repeat(64),
      } as TreeEntry);
      i.acls[INGEST] = "group:analysts=CAN_EDIT";
    });
    expect(treeChanges(state, news)).toEqual({
      added: [],
      changed: [TRANSFORM],
      removed: [],
      acls: [INGEST],
    });
    expect((await provider.diff("tree:#0", state, news)).changes).toBe(true);
    expect((await provider.diff("tree:#0", state, unit())).changes).toBe(false);
    expect(
      (
        await provider.diff(
          "tree:#0",
          state,
          unit((i) => (i.snapshotRoot = "/elsewhere")),
        )
      ).changes,
    ).toBe(false);
    expect(
      await provider.diff(
        "tree:#0",
        state,
        unit((i) => (i.host = "https://other")),
      ),
    ).toMatchObject({ replaces: ["host"] });
  });

  it("updates only what changed", async () => {
    const nb = state.objects[TRANSFORM];
    const { file } = contentOf(TRANSFORM);
    const original = fs.readFileSync(path.join(snapshotRoot, file));
    const news = unit((i) => {
      i.objects[TRANSFORM] = rewrite(file, "// Databricks notebook source\nval x = 2\n", nb);
      i.acls[INGEST] = "group:analysts=CAN_EDIT";
      delete i.acls["/Shared/etl"];
    });
    emu.resetStats();
    const r = await provider.update("tree:#0", state, news);
    state = r.outs as TreeSyncInputs;
    expect(await exportSource(client, TRANSFORM)).toContain("val x = 2");
    expect(await aclOf(client, "notebooks", INGEST)).toEqual(["analysts=CAN_EDIT"]);
    expect(await aclOf(client, "directories", "/Shared/etl")).toEqual([]);
    expect(emu.stats().byEndpoint["POST /api/2.0/workspace/import"]).toBe(1);
    // The snapshot as sealed again (the later tests read it whole).
    fs.writeFileSync(path.join(snapshotRoot, file), original);
  });

  it("refuses content that changed after the snapshot was read, before writing anything", async () => {
    const news = unit((i) => {
      i.objects["/Shared/etl/new"] = `NOTEBOOK PYTHON ${"0".repeat(64)} ${contentOf(INGEST).file}`;
    });
    await expect(provider.update("tree:#0", state, news)).rejects.toThrow(
      `${contentOf(INGEST).file} (for /Shared/etl/new) does not match the sha256`,
    );
    expect(await exists(client, "/Shared/etl/new")).toBe(false);
  });

  it("leaves a notebook that left the manifest in place without prune, deletes it with prune", async () => {
    const report = EXPLORE;
    const from = (edit: (i: TreeSyncInputs) => void) => {
      const i = structuredClone(state);
      edit(i);
      return i;
    };
    await provider.update(
      "tree:#0",
      state,
      from((i) => delete i.objects[report]),
    );
    expect(await exists(client, report)).toBe(true);
    // A path that only moved to another unit (still in the snapshot) is never deleted, even with prune.
    await provider.update(
      "tree:#0",
      state,
      from((i) => {
        delete i.objects[report];
        i.prune = true;
      }),
    );
    expect(await exists(client, report)).toBe(true);
    // Gone from the snapshot itself: deleted with prune.
    const file = path.join(snapshotRoot, "descriptors", "notebook.json");
    const doc = JSON.parse(fs.readFileSync(file, "utf8"));
    doc.items = doc.items.filter((n: { path: string }) => n.path !== report);
    fs.writeFileSync(file, JSON.stringify(doc));
    resealSnapshot(snapshotRoot, (m) => ((m.counts as Record<string, number>).notebook = doc.items.length));
    const r = await provider.update(
      "tree:#0",
      state,
      from((i) => {
        delete i.objects[report];
        i.prune = true;
      }),
    );
    expect(await exists(client, report)).toBe(false);
    state = r.outs as TreeSyncInputs;
  });

  it("deletes nothing on delete without prune, and only what left the snapshot with it", async () => {
    await provider.delete("tree:#0", { ...state, prune: false });
    expect(await exists(client, INGEST)).toBe(true);
    const file = path.join(snapshotRoot, "descriptors", "notebook.json");
    const doc = JSON.parse(fs.readFileSync(file, "utf8"));
    doc.items = doc.items.filter((n: { path: string }) => n.path !== TRANSFORM);
    fs.writeFileSync(file, JSON.stringify(doc));
    resealSnapshot(snapshotRoot, (m) => ((m.counts as Record<string, number>).notebook = doc.items.length));
    await provider.delete("tree:#0", { ...state, prune: true });
    expect(await exists(client, INGEST)).toBe(true);
    expect(await exists(client, TRANSFORM)).toBe(false);
  });
});
