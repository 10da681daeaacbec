import { Command } from "commander";

export function registerExport(program: Command): void {
  program
    .command("export")
    .description("(not built yet)")
    .action(() => {
      throw new Error("export: not built yet");
    });
}
