import { createHash } from "node:crypto";

/**
 * Workspace names may hold anything; snapshot files must stay inside the snapshot and be portable
 * (Windows, case-insensitive macOS). Paths that cannot be descriptors at all are refused with a reason;
 * the rest are mapped segment by segment, injectively, and collisions after mapping get a stable suffix.
 */

/** Why a workspace path cannot be exported as a descriptor id, or undefined when it can. */
export function unsafeWorkspacePath(p: string): string | undefined {
  if (!p.startsWith("/")) return "path is not absolute";
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(p)) return "name contains NUL or control characters";
  const segs = p.split("/").slice(1);
  if (p !== "/" && segs.some((s) => s === "")) return "path has an empty segment";
  if (segs.some((s) => s === ".." || s === ".")) return "name is '.' or '..'";
  return undefined;
}

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i;
const MAX_SEGMENT_BYTES = 200;

/** One path segment as a safe file name: `%`-encodes what file systems refuse, so the mapping is injective. */
export function safeSegment(seg: string): string {
  let s = seg.replace(
    // eslint-disable-next-line no-control-regex
    /[%\\:*?"<>|\u0000-\u001f\u007f]/g,
    (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0"),
  );
  if (s === "." || s === "..") s = s.replace(/\./g, "%2E");
  if (s === "") s = "%";
  s = s.replace(/[. ]$/, (c) => (c === "." ? "%2E" : "%20"));
  if (WINDOWS_RESERVED.test(s)) s = "%" + s.charCodeAt(0).toString(16).toUpperCase() + s.slice(1);
  if (Buffer.byteLength(s) > MAX_SEGMENT_BYTES) {
    const digest = createHash("sha256").update(seg).digest("hex").slice(0, 16);
    let cut = s.slice(0, 150);
    while (Buffer.byteLength(cut) > 150) cut = cut.slice(0, -1);
    s = `${cut.replace(/%[0-9A-F]?$/, "")}~${digest}`;
  }
  return s;
}

/** `content/workspace` + `/Users/a/nb` + `.py` → `content/workspace/Users/a/nb.py`, every segment made safe. */
export function mappedFile(root: string, p: string, ext = ""): string {
  const segs = p
    .split("/")
    .filter((s) => s !== "")
    .map(safeSegment);
  if (segs.length === 0) segs.push("%");
  segs[segs.length - 1] += ext;
  return `${root}/${segs.join("/")}`;
}

/**
 * Gives each object its content file. Ids are taken in sorted order so the result never depends on the
 * order objects were read; a name that collides case-insensitively with another file, or with a folder
 * another file needs, gets `~<hash of the id>` before its extension.
 */
export function assignContentFiles(wanted: { id: string; file: string }[]): Map<string, string> {
  const sorted = [...wanted].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const key = (f: string) => f.normalize("NFC").toLowerCase();
  const dirs = new Set<string>();
  for (const w of sorted) {
    const parts = w.file.split("/");
    for (let i = 1; i < parts.length; i++) dirs.add(key(parts.slice(0, i).join("/")));
  }
  const taken = new Set<string>();
  const out = new Map<string, string>();
  for (const w of sorted) {
    let file = w.file;
    if (taken.has(key(file)) || dirs.has(key(file))) {
      const digest = createHash("sha256").update(w.id).digest("hex").slice(0, 8);
      const slash = file.lastIndexOf("/");
      const dot = file.lastIndexOf(".");
      file = dot > slash + 1 ? `${file.slice(0, dot)}~${digest}${file.slice(dot)}` : `${file}~${digest}`;
    }
    taken.add(key(file));
    out.set(w.id, file);
  }
  return out;
}
