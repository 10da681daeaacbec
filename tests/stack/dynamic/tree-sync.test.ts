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
import { writeSampleSnapshot, ALICE, BOB } from "../helpers/sample-snapshot";
import { aclOf, emptyWorkspace, exists, exportSource } from "./helpers";

let emu: RunningEmulator;
let client: DatabricksClient;
let snapshotRoot: string;

beforeAll(async () => {
  ({ emu, client } = await emptyWorkspace());
  snapshotRoot = writeSampleSnapshot();
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
      "/Shared/etl/ingest": "group:analysts=CAN_RUN",
    },
    prune: false,
  };
  edit?.(inputs);
  return inputs;
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
    expect(await exportSource(client, "/Shared/etl/ingest")).toContain("print(1)");
    expect(await exportSource(client, `/Users/${ALICE}/project/stats`)).toContain("x <- 1");
    const file = await client.get<{ object_type: string }>("/api/2.0/workspace/get-status", {
      path: "/Shared/etl/config.yaml",
    });
    expect(file.object_type).toBe("FILE");
    expect(await aclOf(client, "directories", "/Shared/etl")).toEqual([
      `${BOB}=CAN_EDIT`,
      "data-eng=CAN_MANAGE",
    ]);
    expect(await aclOf(client, "notebooks", "/Shared/etl/ingest")).toEqual(["analysts=CAN_RUN"]);
  });

  it("names exactly the changed notebooks and ACLs in its diff, and ignores where the snapshot lives", async () => {
    const news = unit((i) => {
      i.objects["/Shared/etl/transform"] = encodeTreeEntry({
        ...decodeTreeEntry(i.objects["/Shared/etl/transform"]),
        sha256: "f".repeat(64),
      } as TreeEntry);
      i.acls["/Shared/etl/ingest"] = "group:analysts=CAN_EDIT";
    });
    expect(treeChanges(state, news)).toEqual({
      added: [],
      changed: ["/Shared/etl/transform"],
      removed: [],
      acls: ["/Shared/etl/ingest"],
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
    const nb = state.objects["/Shared/etl/transform"];
    const original = fs.readFileSync(path.join(snapshotRoot, "content/workspace/Shared/etl/transform.scala"));
    const news = unit((i) => {
      i.objects["/Shared/etl/transform"] = rewrite(
        "content/workspace/Shared/etl/transform.scala",
        "// Databricks notebook source\nval x = 2\n",
        nb,
      );
      i.acls["/Shared/etl/ingest"] = "group:analysts=CAN_EDIT";
      delete i.acls["/Shared/etl"];
    });
    emu.resetStats();
    const r = await provider.update("tree:#0", state, news);
    state = r.outs as TreeSyncInputs;
    expect(await exportSource(client, "/Shared/etl/transform")).toContain("val x = 2");
    expect(await aclOf(client, "notebooks", "/Shared/etl/ingest")).toEqual(["analysts=CAN_EDIT"]);
    expect(await aclOf(client, "directories", "/Shared/etl")).toEqual([]);
    expect(emu.stats().byEndpoint["POST /api/2.0/workspace/import"]).toBe(1);
    // The snapshot as sealed again (the later tests read it whole).
    fs.writeFileSync(path.join(snapshotRoot, "content/workspace/Shared/etl/transform.scala"), original);
  });

  it("refuses content that changed after the snapshot was read, before writing anything", async () => {
    const news = unit((i) => {
      i.objects["/Shared/etl/new"] =
        `NOTEBOOK PYTHON ${"0".repeat(64)} content/workspace/Shared/etl/ingest.py`;
    });
    await expect(provider.update("tree:#0", state, news)).rejects.toThrow(
      /content\/workspace\/Shared\/etl\/ingest\.py \(for \/Shared\/etl\/new\) does not match the sha256/,
    );
    expect(await exists(client, "/Shared/etl/new")).toBe(false);
  });

  it("leaves a notebook that left the manifest in place without prune, deletes it with prune", async () => {
    const report = `/Users/${ALICE}/project/report`;
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
    expect(await exists(client, "/Shared/etl/ingest")).toBe(true);
    const file = path.join(snapshotRoot, "descriptors", "notebook.json");
    const doc = JSON.parse(fs.readFileSync(file, "utf8"));
    doc.items = doc.items.filter((n: { path: string }) => n.path !== "/Shared/etl/transform");
    fs.writeFileSync(file, JSON.stringify(doc));
    resealSnapshot(snapshotRoot, (m) => ((m.counts as Record<string, number>).notebook = doc.items.length));
    await provider.delete("tree:#0", { ...state, prune: true });
    expect(await exists(client, "/Shared/etl/ingest")).toBe(true);
    expect(await exists(client, "/Shared/etl/transform")).toBe(false);
  });
});
