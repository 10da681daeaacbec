import { MultiBar, Presets, SingleBar } from "cli-progress";
import Table from "cli-table3";
import { KINDS } from "../kinds/registry";
import { KindProgress, ExportSummary } from "./run";

/** One progress bar per kind on a terminal (stderr, so stdout stays clean for tables and JSON). */
export function progressBars(stream: NodeJS.WriteStream = process.stderr) {
  const multi = new MultiBar(
    {
      stream,
      format: " {kind} |{bar}| {value}/{total} {state}",
      hideCursor: true,
      clearOnComplete: false,
      stopOnComplete: false,
      barsize: 30,
      etaBuffer: 50,
    },
    Presets.shades_classic,
  );
  const bars = new Map<string, SingleBar>();
  return {
    onProgress(p: KindProgress) {
      const kind = KINDS[p.kind].title.padEnd(20);
      let bar = bars.get(p.kind);
      if (!bar) bars.set(p.kind, (bar = multi.create(Math.max(p.total, 1), 0, { kind, state: p.state })));
      if (p.total > 0) bar.setTotal(p.total);
      bar.update(p.done, { kind, state: p.state === "reading" ? "" : p.state });
    },
    log(line: string) {
      multi.log(line.endsWith("\n") ? line : `${line}\n`);
    },
    stop() {
      multi.stop();
    },
  };
}

/** The table a person reads at the end of an export. */
export function summaryTable(s: ExportSummary): string {
  const table = new Table({
    head: ["kind", "exported", "reused", "skipped", "seconds"],
    colAligns: ["left", "right", "right", "right", "right"],
    style: { head: [], border: [] },
    chars: { mid: "", "left-mid": "", "mid-mid": "", "right-mid": "" },
  });
  let exported = 0;
  let skipped = 0;
  let reused = 0;
  for (const k of s.kinds) {
    exported += k.exported;
    skipped += k.skipped;
    reused += k.reused;
    table.push([
      KINDS[k.kind].title,
      k.unavailable ? "n/a" : String(k.exported),
      String(k.reused),
      String(k.skipped),
      k.seconds.toFixed(2),
    ]);
  }
  table.push(["total", String(exported), String(reused), String(skipped), s.seconds.toFixed(2)]);
  const lines = [table.toString()];
  lines.push(
    `snapshot ${s.out} from ${s.host}`,
    `requests ${s.requests.requests} (retries ${s.requests.retries}, throttled ${s.requests.throttled}); secret values needed: ${s.secretsNeeded.length}`,
  );
  if (s.archives.calls)
    lines.push(`folder archives: ${s.archives.calls} (${s.archives.refused} refused as over 10 MB)`);
  lines.push(
    s.incremental
      ? `incremental: ${s.reused} unchanged objects reused from the previous snapshot`
      : `full export${s.previousNote ? ` (${s.previousNote})` : ""}`,
  );
  if (s.resumed) lines.push(`resumed: ${s.resumed} objects finished by an interrupted run`);
  if (s.changes) {
    const parts = Object.entries(s.changes).map(
      ([k, c]) => `${k} +${c.added.length} ~${c.changed.length} -${c.removed.length}`,
    );
    lines.push(`changes since the previous snapshot: ${parts.length ? parts.join(", ") : "none"}`);
  }
  if (s.skipped.length) {
    lines.push(`skipped (${s.skipped.length}, all listed in manifest.json):`);
    for (const k of s.skipped.slice(0, 10)) lines.push(`  ${k.kind} ${k.id}: ${k.reason}`);
    if (s.skipped.length > 10) lines.push(`  ... and ${s.skipped.length - 10} more`);
  }
  return lines.join("\n");
}

/** One JSON object for CI. */
export function summaryJson(s: ExportSummary): string {
  return JSON.stringify({
    out: s.out,
    host: s.host,
    exportedAt: s.exportedAt,
    seconds: s.seconds,
    counts: s.counts,
    skipped: s.skipped,
    secretsNeeded: s.secretsNeeded.length,
    requests: s.requests,
    failed: s.failed,
    incremental: s.incremental,
    reused: s.reused,
    resumed: s.resumed,
    archives: s.archives,
    changes: s.changes,
  });
}
