/**
 * An --out inside an existing snapshot (`--out dr-snapshot/primary/content`, a typo) is refused before
 * anything is written: the work directory beside it would be a file the seal does not vouch for, and every
 * reader would then refuse the good snapshot around it.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { readSnapshot } from "../../snapshot/reader";
import { useEmulator } from "../helpers/emulator-lifecycle";
import { emulator, exportOnce, tmpDir } from "../exporter/helpers";

const h = useEmulator(() => emulator());

it("refuses an --out inside a snapshot and leaves that snapshot sealed", async () => {
  const snap = path.join(tmpDir(), "primary");
  await exportOnce(h.emu, snap);
  const before = fs.readdirSync(snap).sort();
  for (const inside of [path.join(snap, "content"), path.join(snap, "descriptors", "new")])
    await expect(exportOnce(h.emu, inside)).rejects.toThrow(/is inside the snapshot .*primary/);
  expect(fs.readdirSync(snap).sort()).toEqual(before);
  expect(() => readSnapshot(snap)).not.toThrow();
});

it("a directory holding some other manifest.json is no snapshot: exporting under it works", async () => {
  const root = tmpDir();
  fs.writeFileSync(path.join(root, "manifest.json"), '{"name":"a web app"}');
  const out = path.join(root, "dr-snapshot", "primary");
  await exportOnce(h.emu, out);
  expect(() => readSnapshot(out)).not.toThrow();
});
