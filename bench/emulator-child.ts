/**
 * The workspace emulator in its own process, for the benchmark: the exporter's peak RSS is then its own.
 * Started with `fork` (IPC): it sends `{ url }` once listening and answers `{ cmd: "stats" | "reset" |
 * "mutate" | "census" | "limits" | "close" }` messages (census: what the workspace holds, bench/floor.ts;
 * limits: the rates in force). Options come as one JSON argument (EmulatorOptions).
 */
import { EmulatorOptions, startEmulator } from "../emulator";
import { census } from "./floor";
import { mutateLarge } from "./mutate";

interface Msg {
  id: number;
  cmd: "stats" | "reset" | "mutate" | "census" | "limits" | "close";
}

async function main(): Promise<void> {
  const opts = JSON.parse(process.argv[2] ?? "{}") as EmulatorOptions;
  const emu = await startEmulator(opts);
  const send = (m: unknown) => process.send?.(m);
  process.on("message", (raw: Msg) => {
    void (async () => {
      switch (raw.cmd) {
        case "stats":
          return send({ id: raw.id, stats: emu.stats() });
        case "reset":
          emu.resetStats();
          return send({ id: raw.id });
        case "mutate":
          return send({ id: raw.id, mutated: mutateLarge(emu.state) });
        case "census":
          return send({ id: raw.id, census: census(emu.state) });
        case "limits":
          return send({ id: raw.id, limits: emu.rateLimits() });
        case "close":
          await emu.close();
          send({ id: raw.id });
          process.exit(0);
      }
    })().catch((e: unknown) => send({ id: raw.id, error: String(e) }));
  });
  // The parent going away must never leave an emulator running.
  process.on("disconnect", () => void emu.close().finally(() => process.exit(0)));
  send({ url: emu.url });
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
