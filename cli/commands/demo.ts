import { Command } from "commander";

export function registerDemo(program: Command): void {
  program
    .command("demo")
    .description("(not built yet)")
    .action(() => {
      throw new Error("demo: not built yet");
    });
}
