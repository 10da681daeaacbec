/**
 * One export in its own process, for the benchmark: its peak RSS (process.resourceUsage().maxRSS) is the
 * exporter's alone. Started with `fork`; takes one JSON argument, sends one `{ result }` or `{ error }`.
 */
import { DatabricksClient } from "../client";
import { runExport } from "../exporters/run";

export interface ExportChildArgs {
  host: string;
  token: string;
  out: string;
  concurrency?: number;
  full?: boolean;
  archives?: boolean;
  /** The manifest's exportedAt (default 2026-01-01): runs a day apart date the ACL reads. */
  exportedAt?: string;
}

async function main(): Promise<void> {
  const a = JSON.parse(process.argv[2]) as ExportChildArgs;
  const client = new DatabricksClient({
    host: a.host,
    auth: { token: a.token },
    maxConcurrent: a.concurrency,
  });
  const s = await runExport({
    client,
    out: a.out,
    concurrency: a.concurrency,
    full: a.full,
    archives: a.archives,
    exportedAt: a.exportedAt ?? "2026-01-01T00:00:00.000Z",
  });
  process.send!({
    result: {
      seconds: s.seconds,
      cleanupSeconds: s.cleanupSeconds,
      kinds: s.kinds,
      failed: s.failed,
      skipped: s.skipped.length,
      counts: s.counts,
      requests: s.requests,
      reused: s.reused,
      incremental: s.incremental,
      archives: s.archives,
      acl: s.acl,
      peakRssMb: process.resourceUsage().maxRSS / 1024,
    },
  });
}

main().then(
  () => process.disconnect?.(),
  (e: unknown) => {
    process.send?.({ error: e instanceof Error ? e.message : String(e) });
    process.disconnect?.();
    process.exitCode = 1;
  },
);
