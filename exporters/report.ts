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

/** Seconds between heartbeat lines when progress is not drawn as bars (a CI log). */
export const HEARTBEAT_SECONDS = 10;

/**
 * Progress for a log that is not a terminal (CI, a file): bars would be invisible or garbage there, and a
 * log that shows nothing for minutes looks hung. One line when a kind starts and when it ends, and a
 * heartbeat every `intervalMs` with the counts so far and the rate since the previous heartbeat.
 */
export function progressLines(opts: {
  write: (line: string) => void;
  intervalMs?: number;
  now?: () => number;
  /** Requests sent so far: a listing phase reads no object for minutes, but it sends requests. */
  requests?: () => number;
}) {
  const now = opts.now ?? (() => Date.now());
  const started = now();
  const kinds = new Map<string, { state: KindProgress["state"]; done: number; total: number; t0: number }>();
  let lastDone = 0;
  let lastAt = started;
  const seconds = (ms: number) => (ms / 1000).toFixed(1);
  const heartbeat = () => {
    let done = 0;
    let total = 0;
    const active: string[] = [];
    for (const [kind, k] of kinds) {
      done += k.done;
      total += k.total;
      if (k.state === "listing" || k.state === "reading")
        active.push(
          `${KINDS[kind as KindProgress["kind"]].title} ${k.state === "listing" && !k.total ? "listing" : `${k.done}/${k.total}`}`,
        );
    }
    const t = now();
    const rate = t > lastAt ? ((done - lastDone) * 1000) / (t - lastAt) : 0;
    lastDone = done;
    lastAt = t;
    const requests = opts.requests ? `, ${opts.requests()} requests` : "";
    opts.write(
      `progress: ${done}/${total} objects read, ${rate.toFixed(1)}/s${requests}, ${seconds(t - started)} s` +
        (active.length ? `; in progress: ${active.join(", ")}` : ""),
    );
  };
  const timer = setInterval(heartbeat, opts.intervalMs ?? HEARTBEAT_SECONDS * 1000);
  timer.unref();
  return {
    onProgress(p: KindProgress) {
      const title = KINDS[p.kind].title;
      let k = kinds.get(p.kind);
      if (!k) {
        kinds.set(p.kind, (k = { state: p.state, done: 0, total: 0, t0: now() }));
        opts.write(`${title}: started`);
      }
      k.state = p.state;
      k.done = p.done;
      k.total = p.total;
      if (p.state === "done") opts.write(`${title}: done, ${p.done} objects in ${seconds(now() - k.t0)} s`);
      if (p.state === "unavailable") opts.write(`${title}: not available in this workspace`);
    },
    log(line: string) {
      opts.write(line.replace(/\n$/, ""));
    },
    stop() {
      clearInterval(timer);
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
  if (s.acl)
    lines.push(
      `permissions: ${s.acl.read} ACLs read, ${s.acl.reused} reused; every ACL re-read within ${s.acl.refreshRuns} runs` +
        (s.acl.oldestReadAt ? ` (oldest read ${s.acl.oldestReadAt})` : ""),
    );
  if (s.shrinkAccepted)
    lines.push(
      `shrink accepted: ${s.shrinkAccepted.before} → ${s.shrinkAccepted.after} objects (${s.shrinkAccepted.reason})`,
    );
  if (s.findings.length) {
    lines.push(
      `credentials in plain text: ${s.findings.length} (manifest.json findings): move each into a secret scope and reference it as {{secrets/<scope>/<key>}}`,
    );
    // "field (type)", not "field: type": the redaction masks what follows `...TOKEN: `.
    for (const f of s.findings.slice(0, 10)) lines.push(`  ${f.kind} ${f.id} ${f.field} (${f.type})`);
    if (s.findings.length > 10) lines.push(`  ... and ${s.findings.length - 10} more`);
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
    findings: s.findings,
    shrinkAccepted: s.shrinkAccepted,
    acl: s.acl,
  });
}
