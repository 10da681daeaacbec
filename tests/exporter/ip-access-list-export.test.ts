/**
 * IP access lists exported from the emulator: every list the emulator holds is a descriptor (expected values
 * read off the emulator's state), the inventory counts them as the replicated kind, and a workspace whose
 * tier lacks the feature (403) makes the kind "unknown" in the inventory, never 0.
 */
import * as path from "node:path";
import { RunningEmulator } from "../../emulator";
import { ipListState } from "../../emulator/routes/ip-access-lists";
import { readSnapshot } from "../../snapshot/reader";
import { emulator, exportOnce, tmpDir } from "./helpers";

describe("IP access lists of the sample", () => {
  let emu: RunningEmulator;
  beforeAll(async () => {
    emu = await emulator();
  });
  afterAll(() => emu.close());

  it("every list the emulator holds is exported with its type, label, addresses and enabled flag", async () => {
    const out = path.join(tmpDir(), "snap");
    await exportOnce(emu, out);
    const snap = readSnapshot(out);
    const lists = [...ipListState(emu.state).lists.values()];
    expect(lists.length).toBeGreaterThanOrEqual(3);
    expect(lists.some((l) => l.enabled === false)).toBe(true);
    const got = new Map(snap.descriptors["ip-access-list"].map((d) => [d.id, d]));
    for (const l of lists)
      expect(got.get(String(l.list_id))).toEqual({
        id: l.list_id,
        label: l.label,
        list_type: l.list_type,
        ip_addresses: l.ip_addresses,
        enabled: l.enabled,
      });
    expect(got.size).toBe(lists.length);
    const inv = snap.manifest.inventory?.find((e) => e.family === "ip-access-list");
    expect(inv).toMatchObject({ status: "replicated", count: lists.length });
    expect(snap.manifest.inventory?.some((e) => e.family === "IP access lists")).toBe(false);
  });

  it("a workspace without the feature (403): the kind is unknown in the inventory, never 0", async () => {
    ipListState(emu.state).available = false;
    try {
      const out = path.join(tmpDir(), "snap");
      await exportOnce(emu, out);
      const snap = readSnapshot(out);
      expect(snap.manifest.inventory?.find((e) => e.family === "ip-access-list")).toMatchObject({
        count: null,
        status: "unknown",
        reason: expect.stringContaining("FEATURE_DISABLED"),
      });
    } finally {
      ipListState(emu.state).available = true;
    }
  });
});
