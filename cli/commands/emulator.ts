import { Command } from "commander";

export function registerEmulator(program: Command): void {
  program
    .command("emulator")
    .description("(not built yet)")
    .action(() => {
      throw new Error("emulator: not built yet");
    });
}
