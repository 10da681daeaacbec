/**
 * One export in a process of its own, for the commit-crash fault: started with DATABRICKS_DR_TEST_CRASH_AT
 * set, it kills itself (SIGKILL) at that step of the snapshot commit. The token comes in the environment.
 *
 *   node --require tsx/cjs fault-suite/crash-child.ts <host> <out> <exportedAt>
 */
import { DatabricksClient } from "../client";
import { runExport } from "../exporters/run";
import { SUITE_RETRY, SUITE_TIMEOUT_MS } from "./suite-client";

export const CHILD_TOKEN_ENV = "FAULT_SUITE_CHILD_TOKEN";

async function main(host: string, out: string, exportedAt: string): Promise<void> {
  const log = (l: string) => process.stdout.write(`${l}\n`);
  const client = new DatabricksClient({
    host,
    auth: { token: process.env[CHILD_TOKEN_ENV] ?? "" },
    limits: false,
    retry: SUITE_RETRY,
    timeoutMs: SUITE_TIMEOUT_MS,
    log,
  });
  await runExport({ client, out, exportedAt, log });
}

if (require.main === module)
  void main(process.argv[2], process.argv[3], process.argv[4]).then(
    () => process.exit(0),
    (e: unknown) => {
      process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
      process.exit(1);
    },
  );
