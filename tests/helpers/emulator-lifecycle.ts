import { ClientOptions, DatabricksClient } from "../../client";
import { RunningEmulator } from "../../emulator";

/**
 * An emulator started before the tests of the enclosing describe (or file) and closed after them: once for
 * all of them, or afresh for each test when they change its state. Read `.emu` inside tests only.
 */
export function useEmulator(
  start: () => Promise<RunningEmulator>,
  per: "suite" | "test" = "suite",
): { readonly emu: RunningEmulator } {
  const holder = {} as { emu: RunningEmulator };
  const [before, after] = per === "test" ? [beforeEach, afterEach] : [beforeAll, afterAll];
  before(async () => {
    holder.emu = await start();
  });
  after(() => holder.emu.close());
  return holder;
}

/**
 * A client for an emulator, authenticated with the emulator's own token (the emulator requires one by
 * default, as the service does). No pacing unless `limits` is given.
 */
export function emulatorClient(emu: RunningEmulator, opts: Partial<ClientOptions> = {}): DatabricksClient {
  return new DatabricksClient({
    host: emu.url,
    auth: { token: emu.token ?? "no-auth" },
    limits: false,
    ...opts,
  });
}
