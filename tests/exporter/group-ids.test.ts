/**
 * Group ids are the primary's SCIM ids (snapshot schema 3): a renamed group is the same descriptor, and an
 * export over a snapshot of the old schema (groups by name) replaces it with a full export instead of
 * failing or mixing both.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { RunningEmulator } from "../../emulator";
import { canonicalJson } from "../../snapshot/canonical-json";
import { readSnapshot } from "../../snapshot/reader";
import { resealSnapshot } from "../../snapshot/seal";
import { clientFor, descriptors, emulator, exportOnce, tmpDir } from "./helpers";

const SCIM = "/api/2.0/preview/scim/v2";

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await emulator();
});
afterAll(() => emu.close());

it("a group renamed in the primary is the same descriptor (its SCIM id), renamed, with its members", async () => {
  const out = path.join(tmpDir(), "snap");
  await exportOnce(emu, out);
  const target = descriptors(out, "group").find(
    (g) => g.displayName !== "admins" && g.displayName !== "users" && g.members.length > 0,
  )!;
  const raw = [...emu.state.groups.values()].find((g) => g.displayName === target.displayName)!;
  expect(target.id).toBe(String(raw.id));
  await clientFor(emu).patch(`${SCIM}/Groups/${target.id}`, {
    schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
    Operations: [{ op: "replace", value: { displayName: `${target.displayName}-renamed` } }],
  });
  try {
    await exportOnce(emu, out);
    const after = descriptors(out, "group");
    expect(after.filter((g) => g.id === target.id)).toEqual([
      { ...target, displayName: `${target.displayName}-renamed` },
    ]);
    expect(after.some((g) => g.displayName === target.displayName)).toBe(false);
  } finally {
    await clientFor(emu).patch(`${SCIM}/Groups/${target.id}`, {
      schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
      Operations: [{ op: "replace", value: { displayName: target.displayName } }],
    });
  }
});

it("an export over a snapshot of schema 2 (groups by name) is a full export that replaces it", async () => {
  const out = path.join(tmpDir(), "snap");
  await exportOnce(emu, out);
  // What the old exporter wrote: groups keyed by displayName, schema 2.
  const file = path.join(out, "descriptors", "group.json");
  const doc = JSON.parse(fs.readFileSync(file, "utf8"));
  for (const g of doc.items) g.id = g.displayName;
  for (const rel of fs.readdirSync(path.join(out, "descriptors"))) {
    const f = path.join(out, "descriptors", rel);
    const d = rel === "group.json" ? doc : JSON.parse(fs.readFileSync(f, "utf8"));
    d.schemaVersion = 2;
    fs.writeFileSync(f, canonicalJson(d));
  }
  resealSnapshot(out, (m) => (m.schemaVersion = 2));
  expect(() => readSnapshot(out)).toThrow(/schemaVersion 2 is older .*export the snapshot again$/);
  await exportOnce(emu, out);
  const snap = readSnapshot(out);
  expect(snap.manifest.schemaVersion).toBe(3);
  const ids = new Set([...emu.state.groups.values()].map((g) => String(g.id)));
  expect(snap.descriptors.group.every((g) => ids.has(g.id))).toBe(true);
});
