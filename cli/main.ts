import { Command } from "commander";
import { version } from "../package.json";
import { registerEmulator } from "./commands/emulator";
import { registerExport } from "./commands/export";
import { registerDemo } from "./commands/demo";
import { registerVerify } from "./commands/verify";
import { registerReport } from "./commands/report";
import { registerPauseJobs } from "./commands/pause-jobs";

/** `databricks-dr`: every command lives in cli/commands/<name>.ts and registers itself here. */
export function buildProgram(): Command {
  const program = new Command("databricks-dr")
    .description("Keep a disaster-recovery secondary region of an Azure Databricks workspace ready.")
    .version(version);
  registerEmulator(program);
  registerExport(program);
  registerDemo(program);
  registerVerify(program);
  registerReport(program);
  registerPauseJobs(program);
  return program;
}

if (require.main === module || process.argv[1]?.endsWith("databricks-dr.js")) {
  buildProgram()
    .parseAsync(process.argv)
    .catch((err: unknown) => {
      console.error(`databricks-dr: ${err instanceof Error ? err.message : String(err)}`);
      process.exitCode = process.exitCode || 1;
    });
}
