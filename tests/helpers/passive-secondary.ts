import { RunningEmulator, startEmulator } from "../../emulator";

/**
 * The secondary as the stack leaves it while passive, written by hand from what passive means (not from the
 * stack's code): the emulator's sample, every job schedule, trigger and continuous run paused, and every
 * model serving endpoint holding no compute (scale to zero, the Serving API's smallest workload size
 * "Small", no provisioned minimum).
 */
export async function passiveSecondary(token: string): Promise<RunningEmulator> {
  const emu = await startEmulator({ workspace: "sample", token });
  for (const job of emu.state.jobs.values())
    for (const t of ["schedule", "trigger", "continuous"]) {
      const trig = (job.settings as Record<string, { pause_status?: string } | undefined>)[t];
      if (trig) trig.pause_status = "PAUSED";
    }
  for (const ep of emu.state.servingEndpoints.values()) {
    const served = (ep.config as { served_entities?: Record<string, unknown>[] } | undefined)
      ?.served_entities;
    for (const e of served ?? []) {
      e.scale_to_zero_enabled = true;
      if (e.workload_size !== undefined) e.workload_size = "Small";
      for (const f of ["min_provisioned_concurrency", "min_provisioned_throughput"]) if (f in e) e[f] = 0;
    }
  }
  return emu;
}
