import type { ManagedDrResult } from "../verify/managed-dr";
import { esc } from "./charts";
import { tableHtml } from "./html-parts";
import type { Check } from "./model";

/**
 * The report's Managed DR part: the mode, what Databricks replicates and what this project still does,
 * and the failover group's check (verify/managed-dr.ts) as a readiness check.
 */
const SHOW = (v: unknown) => (v === undefined ? "(none)" : typeof v === "string" ? v : JSON.stringify(v));

/** What the project keeps replicating beside a group that replicates workspace assets (README table). */
const PROJECT_KEEPS =
  "folders, workspace files, repos, DBFS files, pools, policies, global init scripts, secret scopes, " +
  "workspace settings, identities, mounts, infrastructure, UC metastore-level objects and other catalogs";

export function managedDrChecks(r: ManagedDrResult | undefined, now: Date, targetHours: number): Check[] {
  if (!r) return [];
  if (!r.ok)
    return [
      {
        name: "Managed DR",
        level: "fail",
        detail: r.differences
          .map((d) => `${d.path}: expected ${SHOW(d.expected)}, account has ${SHOW(d.actual)}`)
          .join("; "),
        todo: `bring failover group ${r.group} in line with databricks-dr:managedDr (pulumi up) or wait until it is ACTIVE`,
      },
    ];
  const detail = `failover group ${r.group} is ${r.state}, primary ${r.effectivePrimaryRegion}, replicated up to ${r.replicationPoint ?? "?"}`;
  // What Databricks replicates is as old as the group's replication point: the same target as the snapshot's.
  const ageHours = r.replicationPoint ? (now.getTime() - Date.parse(r.replicationPoint)) / 3_600_000 : NaN;
  if (!(ageHours <= targetHours))
    return [
      {
        name: "Managed DR",
        level: "warn",
        detail: `${detail}: ${Number.isNaN(ageHours) ? "no replication point reported" : `${ageHours.toFixed(1)} h old (target ≤ ${targetHours} h)`}`,
        todo: `find out why failover group ${r.group} has not replicated recently`,
      },
    ];
  return [{ name: "Managed DR", level: "ok", detail }];
}

function rows(r: ManagedDrResult): string[][] {
  const c = r.covers;
  return [
    ["failover group", `${r.group} (${r.state ?? "missing"})`],
    ["effective primary region", r.effectivePrimaryRegion ?? "?"],
    ["replication point", r.replicationPoint ?? "not reported"],
    [
      "replicated by Databricks",
      [
        c.workspaceAssets ? "notebooks, jobs, clusters, SQL warehouses and their ACLs" : "",
        c.catalogs.length
          ? `catalogs ${c.catalogs.join(", ")} (with their schemas, tables, data, grants)`
          : "",
      ]
        .filter(Boolean)
        .join("; ") || "nothing",
    ],
    [
      "still replicated by databricks-dr",
      c.workspaceAssets ? PROJECT_KEEPS : `every workspace kind; ${PROJECT_KEEPS}`,
    ],
    ["location mappings", c.locationMappings.join(", ") || "none"],
    ["stable URLs", c.stableUrls.join(", ") || "none"],
    ["differences", r.ok ? "none" : String(r.differences.length)],
  ];
}

export function managedDrMarkdown(
  r: ManagedDrResult | undefined,
  table: (h: string[], rows: unknown[][]) => string[],
): string[] {
  if (!r) return [];
  return ["## Managed DR mode", "", ...table(["", ""], rows(r))];
}

export function managedDrHtml(r: ManagedDrResult | undefined): string {
  if (!r) return "";
  return `<h2 id="managed-dr">Managed DR mode</h2>${tableHtml(
    [{ text: "" }, { text: "" }],
    rows(r).map(([k, v]) => [esc(k), esc(v)]),
  )}`;
}
