import { randomBytes } from "node:crypto";
import * as path from "node:path";
import { Command } from "commander";
import { DatabricksClient } from "../../client";
import { startEmulator } from "../../emulator";
import { progressBars, summaryJson, summaryTable } from "../../exporters/report";
import { runExport } from "../../exporters/run";

interface DemoFlags {
  out: string;
  json?: boolean;
}

/**
 * `npm run demo`: the exporter end to end with no account. Starts the workspace emulator with the `sample`
 * workspace (rate limits on, a token required), exports it, prints the summary.
 */
export function registerDemo(program: Command): void {
  program
    .command("demo")
    .description("Start the workspace emulator with the sample workspace, export it, print the summary.")
    .option("--out <dir>", "where the demo snapshot goes", path.join("tmp", "demo-snapshot"))
    .option("--json", "print the summary as one JSON object")
    .action(async (flags: DemoFlags) => {
      const token = `dapi${randomBytes(16).toString("hex")}`;
      const emulator = await startEmulator({ workspace: "sample", token });
      const bars = !flags.json && process.stderr.isTTY ? progressBars() : undefined;
      try {
        if (!flags.json) console.log(`emulator: sample workspace at ${emulator.url}`);
        const client = new DatabricksClient({ host: emulator.url, auth: { token } });
        const summary = await runExport({ client, out: flags.out, onProgress: bars?.onProgress });
        bars?.stop();
        console.log(flags.json ? summaryJson(summary) : summaryTable(summary));
        if (!flags.json) {
          const served = emulator.stats();
          console.log(`emulator served ${served.total} requests (${served.throttled} answered 429)`);
        }
      } finally {
        bars?.stop();
        await emulator.close();
      }
    });
}
