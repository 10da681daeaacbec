import { Command } from "commander";
import { version } from "../package.json";
import { registerEmulator } from "./commands/emulator";
import { registerExport } from "./commands/export";
import { registerDemo } from "./commands/demo";
import { registerVerify } from "./commands/verify";
import { registerReport } from "./commands/report";
import { registerPauseJobs } from "./commands/pause-jobs";
import { registerCheck } from "./commands/check";
import { registerFailover } from "./commands/failover";
import { userMessage } from "../client/errors";
import { redactCommandOutput } from "./output-redaction";

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
  registerCheck(program);
  registerFailover(program);
  program.hook("preAction", (_program, action) => redactCommandOutput(action.name()));
  return program;
}

/**
 * Runs the CLI on `argv` (node's, with the two leading entries). Every failure ends as one line on stderr,
 * `databricks-dr: <what went wrong>`, and a non-zero exit code; never a stack trace.
 */
export async function main(argv: readonly string[] = process.argv): Promise<void> {
  // A failure outside the command's own promise chain (a stray rejection) would make node print a stack
  // trace and exit: it gets the same one line. DATABRICKS_DR_DEBUG=1 keeps node's report for developers.
  if (!process.env.DATABRICKS_DR_DEBUG)
    for (const event of ["uncaughtException", "unhandledRejection"] as const)
      process.on(event, (err: unknown) => {
        console.error(`databricks-dr: ${userMessage(err)}`);
        process.exit(process.exitCode || 1);
      });
  try {
    await buildProgram().parseAsync([...argv]);
  } catch (err: unknown) {
    console.error(`databricks-dr: ${userMessage(err)}`);
    process.exitCode = process.exitCode || 1;
  }
}

// `tsx cli/main.ts` (npm run cli, npm run demo); the installed bin calls main() itself.
if (require.main === module) void main();
