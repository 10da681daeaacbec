import * as fs from "node:fs";
import * as path from "node:path";
import { RunningEmulator, startEmulator } from "../../emulator";
import { runExport } from "../../exporters/run";
import { checkInvariant } from "../../fault-suite/invariant";
import { capturePrimary, Primary } from "../../fault-suite/primary";
import { client, removeTmpDirs, tmpDir, TOKEN } from "./helpers";

/**
 * The truth tests' world: the `sample` emulator, its state captured before the export (the fault suite's
 * truth), and a complete export of it; `copy()` gives a fresh copy of that export to break by hand.
 */
export interface SampleTruth {
  emu: RunningEmulator;
  primary: Primary;
  copy(): string;
  losses(dir: string): ReturnType<typeof checkInvariant>["losses"];
}

export function useSampleTruth(): SampleTruth {
  const t = {} as SampleTruth;
  let clean = "";
  t.copy = () => {
    const dir = path.join(tmpDir(), "snap");
    fs.cpSync(clean, dir, { recursive: true });
    return dir;
  };
  t.losses = (dir) => checkInvariant(t.primary, dir).losses;
  beforeAll(async () => {
    t.emu = await startEmulator({ workspace: "sample", rateLimits: false, token: TOKEN });
    t.primary = capturePrimary(t.emu.state);
    clean = path.join(tmpDir(), "snap");
    await runExport({ client: client(t.emu), out: clean, exportedAt: "2026-01-01T00:00:00Z" });
  });
  afterAll(async () => {
    await t.emu.close();
    removeTmpDirs();
  });
  return t;
}
