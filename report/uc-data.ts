import type { Snapshot } from "../snapshot/reader";
import { MANAGED_TABLE_REMEDY } from "../kinds/unity-catalog/table";
import { esc } from "./charts";
import { tableHtml } from "./html-parts";
import type { Check } from "./model";

/**
 * Unity Catalog data the stack cannot register: managed tables and managed volumes keep their data in
 * Unity Catalog's managed storage, so the secondary has their definitions at most and someone (or the
 * stack's deep-clone job) must copy the data. Read from the snapshot's descriptors.
 */
export interface UcDataRow {
  kind: "table" | "volume";
  fullName: string;
  /** Bytes, when the table's statistics gave a size. */
  sizeBytes?: number;
  remedy: string;
}

export interface UcDataView {
  rows: UcDataRow[];
  /** Sum of the known sizes; `unsized` rows have none. */
  knownBytes: number;
  unsized: number;
}

const VOLUME_REMEDY = "copy its files into the secondary's volume (or share the volume with Delta Sharing)";

export function ucDataView(snap: Snapshot): UcDataView {
  const rows: UcDataRow[] = [
    ...snap.descriptors["uc-table"]
      .filter((t) => t.replication === "data")
      .map((t) => ({
        kind: "table" as const,
        fullName: t.fullName,
        ...(t.managedData?.sizeBytes !== undefined ? { sizeBytes: t.managedData.sizeBytes } : {}),
        remedy: t.managedData?.remedy ?? MANAGED_TABLE_REMEDY,
      })),
    ...snap.descriptors["uc-volume"]
      .filter((v) => v.dataToReplicate)
      .map((v) => ({ kind: "volume" as const, fullName: v.fullName, remedy: VOLUME_REMEDY })),
  ].sort((a, b) => (a.fullName < b.fullName ? -1 : a.fullName > b.fullName ? 1 : 0));
  return {
    rows,
    knownBytes: rows.reduce((n, r) => n + (r.sizeBytes ?? 0), 0),
    unsized: rows.filter((r) => r.kind === "table" && r.sizeBytes === undefined).length,
  };
}

export function bytesText(n: number): string {
  const units = ["B", "KB", "MB", "GB", "TB", "PB"];
  let i = 0;
  let v = n;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return i === 0 ? `${n} B` : `${v.toFixed(1)} ${units[i]}`;
}

export function ucDataCheck(v: UcDataView): Check[] {
  if (!v.rows.length) return [];
  const tables = v.rows.filter((r) => r.kind === "table").length;
  const volumes = v.rows.length - tables;
  const size = v.knownBytes
    ? `, ${bytesText(v.knownBytes)}${v.unsized ? ` known (${v.unsized} unsized)` : ""}`
    : "";
  return [
    {
      name: "Unity Catalog data",
      level: "warn",
      detail: `${tables} managed table(s) and ${volumes} managed volume(s) hold data the stack does not copy${size}: see "Unity Catalog data to replicate".`,
      todo: "copy the managed tables' data (DEEP CLONE, or Delta Sharing from the primary; unityCatalog.deepCloneJob) and the managed volumes' files",
    },
  ];
}

function cells(r: UcDataRow): string[] {
  return [r.fullName, r.kind, r.sizeBytes === undefined ? "unknown" : bytesText(r.sizeBytes), r.remedy];
}
const HEAD = ["object", "kind", "size", "remedy"];

export function ucDataMarkdown(v: UcDataView, table: (h: string[], rows: unknown[][]) => string[]): string[] {
  if (!v.rows.length) return [];
  return ["## Unity Catalog data to replicate", "", ...table(HEAD, v.rows.map(cells))];
}

export function ucDataHtml(v: UcDataView): string {
  if (!v.rows.length) return "";
  return `<h2 id="uc-data">Unity Catalog data to replicate</h2>${tableHtml(
    HEAD.map((text) => ({ text })),
    v.rows.map((r) => cells(r).map(esc)),
  )}`;
}
