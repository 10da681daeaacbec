import type { InventoryEntry, Manifest } from "../snapshot/manifest";
import { esc } from "./charts";

/**
 * What the workspace holds beyond the replicated kinds, from the manifest's inventory. The report's
 * coverage is only "full" when every family listed is replicated or empty, and none is unknown.
 */
export interface InventoryView {
  /** false: the snapshot predates the inventory, so nothing is known about the other families. */
  recorded: boolean;
  rows: InventoryEntry[];
  /** Not-replicated families holding objects, and how many objects (a lower bound when `atLeast`). */
  holding: InventoryEntry[];
  notReplicatedObjects: number;
  unknown: InventoryEntry[];
  fullyCovered: boolean;
}

export function inventoryView(m: Manifest): InventoryView {
  const rows = m.inventory ?? [];
  const holding = rows.filter((e) => e.status === "not-replicated" && (e.count ?? 0) > 0);
  const unknown = rows.filter(
    (e) => e.status === "unknown" || (e.status !== "replicated" && e.count === null),
  );
  return {
    recorded: m.inventory !== undefined,
    rows,
    holding,
    notReplicatedObjects: holding.reduce((n, e) => n + (e.count ?? 0), 0),
    unknown,
    fullyCovered: m.inventory !== undefined && holding.length === 0 && unknown.length === 0,
  };
}

export const countText = (e: InventoryEntry): string =>
  e.count === null ? "unknown" : `${e.atLeast ? "≥ " : ""}${e.count}`;

const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? "" : "s"}`;

/** The readiness check on the whole workspace: warn when objects are not replicated, info when unknown. */
export function workspaceCoverageCheck(v: InventoryView): {
  name: string;
  level: "ok" | "warn" | "info";
  detail: string;
  todo?: string;
} {
  const name = "Workspace coverage";
  if (!v.recorded)
    return {
      name,
      level: "info",
      detail: "Not known: this snapshot has no inventory of the families the export does not replicate.",
    };
  const unknown = v.unknown.length
    ? ` ${plural(v.unknown.length, "family")} could not be listed (unknown): ${v.unknown.map((e) => e.family).join(", ")}.`
    : "";
  if (v.holding.length) {
    const atLeast = v.holding.some((e) => e.atLeast) ? "at least " : "";
    return {
      name,
      level: "warn",
      detail:
        `Not fully covered: ${atLeast}${plural(v.notReplicatedObjects, "object")} in ` +
        `${plural(v.holding.length, "family")} not replicated (` +
        v.holding.map((e) => `${e.family}: ${countText(e)}`).join(", ") +
        `).${unknown}`,
      todo: `recreate by hand ${atLeast}${plural(v.notReplicatedObjects, "object")} the export does not replicate`,
    };
  }
  if (v.unknown.length) return { name, level: "info", detail: `Not shown as fully covered:${unknown}` };
  return { name, level: "ok", detail: "Every object family listed is replicated or empty." };
}

export function inventoryMarkdown(
  v: InventoryView,
  table: (h: string[], rows: unknown[][]) => string[],
): string[] {
  if (!v.recorded) return [];
  return [
    "## Workspace inventory",
    "",
    ...table(
      ["family", "objects", "status", "reason"],
      v.rows.map((e) => [e.family, countText(e), e.status, e.reason ?? ""]),
    ),
  ];
}

export function inventoryHtml(v: InventoryView): string {
  if (!v.recorded) return "";
  const tr = v.rows
    .map(
      (e) =>
        `<tr><td>${esc(e.family)}</td><td class="num">${esc(countText(e))}</td><td>${esc(e.status)}</td>` +
        `<td><span class="muted">${esc(e.reason ?? "")}</span></td></tr>`,
    )
    .join("");
  return (
    `<h2 id="inventory">Workspace inventory</h2><div class="tbl"><table><thead><tr><th>family</th>` +
    `<th class="num">objects</th><th>status</th><th>reason</th></tr></thead><tbody>${tr}</tbody></table></div>`
  );
}
