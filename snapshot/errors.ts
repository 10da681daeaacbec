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
