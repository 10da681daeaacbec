import { spawnSync } from "node:child_process";
import * as path from "node:path";

/** `npm run bench`'s last step: bench/rto-apply.ts in a child process; its `rto_*` metrics, or `missing`. */
export function rtoApplyMetrics(
  sizes: Record<string, number>,
  latency: [number, number],
): { metric: string; value: number | null; [k: string]: unknown }[] {
  const args = Object.entries(sizes).flatMap(([k, v]) => [`--${k}`, String(v)]);
  const r = spawnSync(
    process.execPath,
    [
      "--require",
      "tsx/cjs",
      path.join(__dirname, "rto-apply.ts"),
      ...args,
      "--latency",
      latency.join("-"),
      "--json",
    ],
    { encoding: "utf8", maxBuffer: 64 * 1024 * 1024, stdio: ["ignore", "pipe", "inherit"] },
  );
  const found = (r.stdout ?? "").split("\n").flatMap((l) => {
    try {
      const m = JSON.parse(l) as { metric: string; value: number | null };
      return m && typeof m.metric === "string" && m.metric.startsWith("rto_") ? [m] : [];
    } catch {
      return [];
    }
  });
  if (r.status !== 0 || found.length === 0)
    return [
      { metric: "rto_measured_apply_s", value: null, note: `missing: bench/rto-apply.ts exited ${r.status}` },
    ];
  return found;
}
