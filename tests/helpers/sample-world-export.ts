/**
 * Run by sample-world.ts in a child process (tsx): exports the emulator's `sample` workspace into the
 * directory given as the only argument, as `databricks-dr export` would.
 */
import { DatabricksClient } from "../../client";
import { startEmulator } from "../../emulator";
import { runExport } from "../../exporters/run";

/** The world's export time: fixed, so the snapshot is the same bytes on every export. */
export const SAMPLE_WORLD_EXPORTED_AT = "2026-11-25T06:00:00.000Z";

async function main(out: string): Promise<void> {
  const emu = await startEmulator({ workspace: "sample", rateLimits: false, latencyMs: 0 });
  try {
    const client = new DatabricksClient({ host: emu.url, auth: { token: emu.token ?? "" }, limits: false });
    await runExport({ client, out, exportedAt: SAMPLE_WORLD_EXPORTED_AT });
  } finally {
    await emu.close();
  }
}

if (require.main === module)
  main(process.argv[2]).catch((e: Error) => {
    process.stderr.write(`sample-world-export: ${e.message}\n`);
    process.exit(1);
  });
