/**
 * Dotted field paths as kinds/ spells them in references (`settings.tasks[0].existing_cluster_id`,
 * `acl[2].principal`): parsing, reading and writing a value in place.
 */
export type { Segment as PathSegment } from "../kinds/field-path";
// One reader and writer of field paths for the whole project: the registry's (it steps into JSON strings).
export { parseFieldPath as parsePath, getAtPath as getAt, setAtPath as setAt } from "../kinds/field-path";

/** `settings.tasks[0].x` and `settings.tasks[task_key=a].x` both become `settings.tasks[].x`: what rules match on. */
export function genericPath(path: string): string {
  return path.replace(/\[[^\]]*\]/g, "[]");
}

export function joinPath(base: string, key: string): string {
  return base ? `${base}.${key}` : key;
}
