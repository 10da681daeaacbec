import type { Obj } from "../emulator/state/types";
import type { Primary } from "./primary";

/**
 * What a snapshot's DLT pipeline and IP access list must hold, against the primary's own state
 * (fault-suite/primary.ts reads it from the emulator): one line per difference, [] when it is whole.
 */
export function pipelineDifferences(p: Primary["pipelines"][number], d: Obj): string[] {
  const s = (d.settings ?? {}) as Obj;
  const n = (v: unknown) => (Array.isArray(v) ? v.length : 0);
  const out: string[] = [];
  if (d.name !== p.name) out.push(`name ${String(d.name)}, the primary's is ${p.name}`);
  if (n(s.libraries) < p.libraries) out.push(`${p.libraries - n(s.libraries)} libraries lost`);
  if (n(s.clusters) < p.clusters) out.push(`${p.clusters - n(s.clusters)} clusters lost`);
  return out;
}

export function ipListDifferences(l: Primary["ipAccessLists"][number], d: Obj): string[] {
  const same = (a: unknown, b: string[]) =>
    Array.isArray(a) && [...(a as string[])].sort().join() === [...b].sort().join();
  const out: string[] = [];
  if (d.label !== l.label || d.list_type !== l.listType)
    out.push(`${String(d.list_type)} ${String(d.label)}, the primary's is ${l.listType} ${l.label}`);
  if (!same(d.ip_addresses, l.addresses)) out.push("addresses differ from the primary's");
  if (d.enabled !== l.enabled) out.push(`enabled ${String(d.enabled)}, the primary's is ${l.enabled}`);
  return out;
}
