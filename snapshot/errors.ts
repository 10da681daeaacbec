import { z } from "zod";

/** A snapshot that cannot be trusted: names the file, the object and the field so a person can fix it. */
export class SnapshotError extends Error {
  constructor(
    readonly file: string,
    readonly detail: string,
    readonly objectId?: string,
    readonly field?: string,
  ) {
    const where = [file, objectId ? `object ${JSON.stringify(objectId)}` : "", field ? `field ${field}` : ""]
      .filter(Boolean)
      .join(", ");
    super(`${where}: ${detail}`);
    this.name = "SnapshotError";
  }
}

/** Dotted path of the first zod issue, e.g. `settings.tasks[0].task_key`. */
export function issuePath(issue: z.core.$ZodIssue): string {
  return issue.path.reduce<string>((acc, seg) => {
    if (typeof seg === "number") return `${acc}[${seg}]`;
    return acc ? `${acc}.${String(seg)}` : String(seg);
  }, "");
}

/** What a full, read-only or forbidden disk means, in words (never the raw errno text). */
const DISK_REASONS: Record<string, string> = {
  ENOSPC: "no space left on the device",
  EDQUOT: "the disk quota is exceeded",
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  EROFS: "the file system is read-only",
};

/**
 * The disk refused a write: nothing later in the run could succeed, so the export stops at once (no
 * fallback, no retry) with this one line naming the path. The previous snapshot is untouched.
 */
export class DiskError extends Error {
  constructor(
    readonly path: string,
    readonly code: string,
  ) {
    super(
      `cannot write ${path}: ${DISK_REASONS[code] ?? code}; the export stopped, the previous snapshot is untouched`,
    );
    this.name = "DiskError";
  }
}

/** A DiskError for errors that mean the disk cannot take the write; anything else as it was. */
export function asDiskError(e: unknown, where: string): unknown {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (e instanceof DiskError || !code || !(code in DISK_REASONS)) return e;
  return new DiskError((e as NodeJS.ErrnoException).path ?? where, code);
}

/** Runs a write and turns a disk failure into a DiskError naming `where` (or the path the error names). */
export async function onDisk<T>(where: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    throw asDiskError(e, where);
  }
}
