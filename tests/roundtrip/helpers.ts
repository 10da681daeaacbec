import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { KIND_NAMES, KindName } from "../../kinds/common";
import { PAUSABLE_TRIGGERS } from "../../kinds/job/schema";
import type { RunningEmulator } from "../../emulator";
import { readSnapshot } from "../../snapshot/reader";
import { formatVerifyText, VerifyResult } from "../../verify";

export const EXPORTED_AT = "2026-11-25T00:00:00.000Z";

const made: string[] = [];

/** A temporary folder for a run's snapshots, removed by removeWorkDirs (call it in afterAll). */
export function workDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `dbdr-rt-${prefix}-`));
  made.push(dir);
  return dir;
}

export function removeWorkDirs(): void {
  for (const d of made.splice(0)) fs.rmSync(d, { recursive: true, force: true });
}

/** Objects per kind in a snapshot. */
export function countsOf(dir: string): Record<KindName, number> {
  const snap = readSnapshot(dir);
  return Object.fromEntries(KIND_NAMES.map((k) => [k, snap.descriptors[k].length])) as Record<
    KindName,
    number
  >;
}

/** The unexpected findings, readable in a failed assertion. */
export function unexpected(v: VerifyResult): string {
  return v.ok ? "" : formatVerifyText(v);
}

/** job name -> trigger -> pause_status, as the emulated workspace holds them. */
export function pauseStates(emu: RunningEmulator): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const j of emu.state.jobs.values()) {
    const s = j.settings as Record<string, { pause_status?: string } | undefined>;
    const name = String((s as Record<string, unknown>).name);
    out[name] = {};
    for (const t of PAUSABLE_TRIGGERS) if (s[t]) out[name][t] = s[t]!.pause_status ?? "UNPAUSED";
  }
  return out;
}

/** job name -> trigger -> the pause state the snapshot recorded as original. */
export function originalStates(dir: string): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const j of readSnapshot(dir).descriptors.job) {
    out[j.name] = {};
    for (const t of PAUSABLE_TRIGGERS) if (j.settings[t]) out[j.name][t] = j.originalPause[t] ?? "UNPAUSED";
  }
  return out;
}
