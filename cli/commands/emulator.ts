import { Command, InvalidArgumentError } from "commander";
import { startEmulator } from "../../emulator";

function int(name: string) {
  return (v: string): number => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0)
      throw new InvalidArgumentError(`${name} must be a non-negative integer`);
    return n;
  };
}

function port(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new InvalidArgumentError("port must be 0 (any free port) to 65535");
  return n;
}

function positive(v: string): number {
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError("must be a positive number");
  return n;
}

/** `--latency 30` (fixed) or `--latency 20-50` (uniform in the range). */
export function parseLatency(v: string): { latencyMs: number; latencyJitterMs: number } {
  const m = /^(\d+)(?:-(\d+))?$/.exec(v.trim());
  if (!m) throw new InvalidArgumentError("latency must be MS or MIN-MAX, in milliseconds");
  const lo = Number(m[1]);
  const hi = m[2] === undefined ? lo : Number(m[2]);
  if (hi < lo) throw new InvalidArgumentError("latency range must be MIN-MAX with MIN <= MAX");
  return { latencyMs: lo, latencyJitterMs: hi - lo };
}

export function registerEmulator(program: Command): void {
  program
    .command("emulator")
    .description("Run a local Databricks workspace emulator (REST API on 127.0.0.1) until interrupted.")
    .option("--port <n>", "port to listen on (0 = any free port)", port, 8123)
    .option("--workspace <name>", "sample | large | empty | DIR of verbatim response bodies", "sample")
    .option("--latency <ms>", "added latency per request: MS or MIN-MAX", "20-50")
    .option("--no-rate-limits", "do not throttle (default: the published per-family limits)")
    .option("--retry-after-ratio <r>", "share of 429 answers that carry Retry-After", parseFloat, 0.5)
    .option("--limit-scale <x>", "multiply every rate limit (0.5 = half the published figures)", positive, 1)
    .option("--token <t>", "the token every request must bear (default: a random one, printed at start)")
    .option("--no-auth", "serve requests without a token (the service never does)")
    .option("--seed <n>", "seed for generated data and 429 shapes", int("seed"), 1)
    .option("--notebooks <n>", "large: notebooks", int("notebooks"))
    .option("--folders <n>", "large: folders", int("folders"))
    .option("--jobs <n>", "large: jobs", int("jobs"))
    .option("--clusters <n>", "large: clusters", int("clusters"))
    .option("--users <n>", "large: users", int("users"))
    .option("--groups <n>", "large: groups", int("groups"))
    .option("--uc-catalogs <n>", "large: Unity Catalog catalogs (0 = no metastore)", int("uc-catalogs"))
    .option("--uc-schemas <n>", "large: Unity Catalog schemas", int("uc-schemas"))
    .option("--uc-tables <n>", "large: Unity Catalog tables and views", int("uc-tables"))
    .option("--uc-volumes <n>", "large: Unity Catalog volumes", int("uc-volumes"))
    .option("--uc-functions <n>", "large: Unity Catalog functions", int("uc-functions"))
    .option("--serving-endpoints <n>", "large: model serving endpoints", int("serving-endpoints"))
    .option("--pipelines <n>", "large: DLT pipelines", int("pipelines"))
    .option("--sql-queries <n>", "large: SQL queries", int("sql-queries"))
    .option("--sql-alerts <n>", "large: SQL alerts", int("sql-alerts"))
    .option("--ip-access-lists <n>", "large: IP access lists", int("ip-access-lists"))
    .action(async (o) => {
      const large = Object.fromEntries(
        [
          ...["notebooks", "folders", "jobs", "clusters", "users", "groups"],
          ...["ucCatalogs", "ucSchemas", "ucTables", "ucVolumes", "ucFunctions"],
          "servingEndpoints",
          ...["pipelines", "sqlQueries", "sqlAlerts", "ipAccessLists"],
        ]
          .filter((k) => o[k] !== undefined)
          .map((k) => [k, o[k]]),
      );
      const emu = await startEmulator({
        workspace: o.workspace,
        port: o.port,
        ...parseLatency(o.latency),
        rateLimits: o.rateLimits,
        limitScale: o.limitScale,
        retryAfterRatio: o.retryAfterRatio,
        auth: o.auth,
        token: o.token,
        seed: o.seed,
        large,
      }).catch((e: NodeJS.ErrnoException) => {
        if (e?.code !== "EADDRINUSE") throw e;
        throw new Error(
          `emulator: port ${o.port} on 127.0.0.1 is already in use: pick another --port (0 = any free)`,
        );
      });
      // The emulator's own throwaway token: the user needs it to call it (DATABRICKS_TOKEN).
      const auth = emu.token
        ? `token: ${emu.token} (send Authorization: Bearer <token>; --no-auth serves anyone)`
        : "authentication off (--no-auth): every request is served";
      console.log(`${auth}\nDatabricks workspace emulator listening on ${emu.url}`);
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once("SIGINT", stop);
        process.once("SIGTERM", stop);
      });
      const s = emu.stats();
      await emu.close();
      console.log(`emulator stopped: ${s.total} requests served, ${s.throttled} throttled`);
    });
}
