import Table from "cli-table3";
import { sortKeys } from "../snapshot/canonical-json";
import { ObjectResult, VerifyResult } from "./compare";

/** A field value for people: `(absent)`, bare strings and numbers, compact JSON cut at `max` characters. */
export function showValue(v: unknown, max = 60): string {
  if (v === undefined) return "(absent)";
  const s = typeof v === "string" ? v : JSON.stringify(sortKeys(v));
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/** One row per unexpected finding: a missing or extra object, or one field of a different object. */
export interface FindingRow {
  kind: string;
  object: string;
  problem: string;
  field: string;
  primary: string;
  secondary: string;
}

export function unexpectedRows(r: VerifyResult): FindingRow[] {
  const rows: FindingRow[] = [];
  for (const o of r.objects.filter((x) => x.unexpected)) {
    if (o.status !== "different") {
      rows.push({
        kind: o.kind,
        object: o.key,
        problem: o.status + (o.reason ? ` (${o.reason})` : ""),
        field: "",
        primary: o.primaryId ? `id ${o.primaryId}` : "(absent)",
        secondary: o.secondaryId ? `id ${o.secondaryId}` : "(absent)",
      });
      continue;
    }
    for (const d of o.differences)
      rows.push({
        kind: o.kind,
        object: o.key,
        problem: d.note ? `different: ${d.note}` : "different",
        field: d.path,
        primary: showValue(d.primary),
        secondary: showValue(d.secondary),
      });
  }
  return rows;
}

/** Expected differences grouped by reason, with a count and one example. */
export function expectedGroups(
  r: VerifyResult,
): { reason: string; kind: string; count: number; example: string }[] {
  const groups = new Map<string, { reason: string; kind: string; count: number; example: string }>();
  const add = (o: ObjectResult, reason: string, example: string) => {
    const id = `${o.kind}\u0000${reason}`;
    const g = groups.get(id) ?? { reason, kind: o.kind, count: 0, example };
    g.count++;
    groups.set(id, g);
  };
  for (const o of r.objects) {
    if (o.status !== "different" && !o.unexpected) add(o, o.reason ?? "expected", `${o.key} (${o.status})`);
    for (const e of o.expected)
      add(o, e.reason, `${o.key}: ${e.path} ${showValue(e.primary, 24)} → ${showValue(e.secondary, 24)}`);
  }
  return [...groups.values()];
}

const plain = { head: [] as string[], border: [] as string[], compact: true };

/** The table for people: per-kind summary, unexpected findings (up to `limit` rows), expected ones apart. */
export function formatVerifyText(r: VerifyResult, limit = 200): string {
  const out: string[] = [];
  out.push(`primary   ${r.primary.host}  exported ${r.primary.exportedAt}  (${r.primary.root})`);
  out.push(`secondary ${r.secondary.host}  exported ${r.secondary.exportedAt}  (${r.secondary.root})`);
  out.push(`mode      ${r.mode}`);
  const summary = new Table({
    head: ["kind", "primary", "secondary", "missing", "extra", "different", "expected only"],
    colAligns: ["left", "right", "right", "right", "right", "right", "right"],
    style: plain,
  });
  for (const k of r.kinds.filter((x) => x.primary + x.secondary > 0))
    summary.push([k.title, k.primary, k.secondary, k.missing, k.extra, k.different, k.expected]);
  out.push(summary.toString());

  const rows = unexpectedRows(r);
  if (rows.length) {
    const t = new Table({
      head: ["kind", "object", "problem", "field", "primary", "secondary"],
      style: plain,
      wordWrap: true,
      wrapOnWordBoundary: false,
      colWidths: [16, 26, 22, 34, 26, 26],
    });
    for (const x of rows.slice(0, limit))
      t.push([x.kind, x.object, x.problem, x.field, x.primary, x.secondary]);
    out.push("", "Unexpected differences:", t.toString());
    if (rows.length > limit) out.push(`... and ${rows.length - limit} more rows (use --json for all)`);
  }
  const groups = expectedGroups(r);
  if (groups.length) {
    const t = new Table({
      head: ["expected (not counted)", "kind", "count", "example"],
      colAligns: ["left", "left", "right", "left"],
      style: plain,
      wordWrap: true,
      wrapOnWordBoundary: false,
      colWidths: [44, 16, 7, 64],
    });
    for (const g of groups) t.push([g.reason, g.kind, g.count, g.example]);
    out.push("", t.toString());
  }
  out.push(
    "",
    r.ok
      ? `OK: the secondary matches the primary (${r.expected} expected differences not counted).`
      : `FAIL: ${r.unexpected} object(s) missing, extra or different (${r.expected} expected differences not counted).`,
  );
  return out.join("\n");
}
