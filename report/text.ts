import { Level } from "./model";

/** Formatting shared by the Markdown and HTML renderers. */
export function usd(n: number | undefined): string {
  if (n === undefined) return "unknown";
  return `$${n.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

export function minutes(m: number | undefined): string {
  return m === undefined ? "never" : `${m} min`;
}

export const LEVEL_ICON: Record<Level, string> = { ok: "✅", warn: "⚠️", fail: "❌", info: "ℹ️" };
export const LEVEL_WORD: Record<Level, string> = { ok: "OK", warn: "ACTION", fail: "FAIL", info: "INFO" };

export function dateTime(iso: string): string {
  return iso
    .replace("T", " ")
    .replace(/\.\d+Z$/, "Z")
    .replace(/Z$/, " UTC");
}

/** Cuts a long list for people: the first `n`, then "and N more". */
export function firstOf<T>(xs: readonly T[], n: number): { shown: T[]; more: number } {
  return { shown: xs.slice(0, n), more: Math.max(0, xs.length - n) };
}
