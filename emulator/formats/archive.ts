import { strToU8, unzipSync, zipSync, Zippable } from "fflate";

/**
 * Zip archives for directory exports (SOURCE / AUTO zips, DBC archives). Entry times come from the
 * objects' modified_at, so the same workspace always exports to the same bytes.
 */
export function zip(entries: { name: string; data: Buffer | string; mtime?: number }[]): Buffer {
  const z: Zippable = {};
  for (const e of entries) {
    const data = typeof e.data === "string" ? strToU8(e.data) : new Uint8Array(e.data);
    // Zip timestamps cannot go before 1980; a fixed date keeps the archive deterministic.
    z[e.name] = [data, { level: 6, mtime: new Date(Math.max(e.mtime ?? 0, 315532800000 + 86400000)) }];
  }
  return Buffer.from(zipSync(z));
}

export function unzip(data: Buffer): { name: string; data: Buffer }[] {
  const files = unzipSync(new Uint8Array(data));
  return Object.entries(files)
    .filter(([name]) => !name.endsWith("/"))
    .map(([name, d]) => ({ name, data: Buffer.from(d) }));
}

export function isZip(data: Buffer): boolean {
  return data.length >= 4 && data.readUInt32LE(0) === 0x04034b50;
}
