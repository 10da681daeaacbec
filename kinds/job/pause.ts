import { ApiObject, PauseStatus } from "../common";
import { JobDescriptor, PAUSABLE_TRIGGERS } from "./schema";
import { isPlainObject } from "../../components/mapping/api-args";

/**
 * The pause policy, in one place: while the secondary is passive every schedule, continuous and trigger
 * is PAUSED, so no job runs twice across regions; on activation (cutover) each gets back exactly the state
 * it had in the primary, so a job paused there stays paused.
 */
export function pauseStateFor(
  trigger: (typeof PAUSABLE_TRIGGERS)[number],
  settings: ApiObject,
  originalPause: JobDescriptor["originalPause"],
  activation: boolean,
): PauseStatus {
  if (!activation) return "PAUSED";
  const original = originalPause[trigger];
  if (original) return original;
  // Not recorded by the exporter: the settings' own value, absent meaning UNPAUSED as in the API.
  const own = (settings[trigger] as ApiObject | undefined)?.pause_status;
  return own === "PAUSED" ? "PAUSED" : "UNPAUSED";
}

/** Sets pause_status on every trigger the settings carry (in place). */
export function applyPausePolicy(
  settings: ApiObject,
  originalPause: JobDescriptor["originalPause"],
  activation: boolean,
): void {
  for (const t of PAUSABLE_TRIGGERS) {
    const block = settings[t];
    if (!isPlainObject(block)) continue;
    block.pause_status = pauseStateFor(t, settings, originalPause, activation);
  }
}
