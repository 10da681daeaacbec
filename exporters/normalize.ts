import { ApiError, TransportError } from "../client";
import type { ApiObject, PrincipalRef } from "../kinds/common";
import { SkipError } from "./types";

export type Obj = Record<string, unknown>;
export const obj = (v: unknown): Obj => (v && typeof v === "object" && !Array.isArray(v) ? (v as Obj) : {});
export const arr = (v: unknown): Obj[] => (Array.isArray(v) ? (v as Obj[]) : []);
export const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);

/** A copy without the given keys (and without keys matching `prefixes`). */
export function omit(o: Obj, keys: readonly string[], prefixes: readonly string[] = []): ApiObject {
  const out: ApiObject = {};
  for (const [k, v] of Object.entries(o)) {
    if (keys.includes(k) || prefixes.some((p) => k.startsWith(p))) continue;
    out[k] = v;
  }
  return out;
}

export {
  CLUSTER_READ_ONLY,
  CLUSTER_READ_ONLY_PREFIXES,
  POOL_READ_ONLY,
  WAREHOUSE_READ_ONLY,
} from "../kinds/read-only";

/** A reason for the manifest's `skipped`, from whatever a read threw; never holds a credential. */
export function reasonOf(e: unknown, redact: (s: string) => string = (s) => s): string {
  if (e instanceof ApiError) {
    const gone = e.status === 404 ? " (deleted during export?)" : "";
    return redact(`${e.describe()}${gone}`);
  }
  if (e instanceof TransportError) return redact(`transport: ${e.message}`);
  if (e instanceof SkipError) return redact(e.message);
  return redact(e instanceof Error ? e.message : String(e));
}

/** The permission level of an `all_permissions` entry, whatever the capitalisation of its key. */
function levelOf(p: Obj): string | undefined {
  if (typeof p.permission_level === "string") return p.permission_level;
  const k = Object.keys(p).find((key) => key.toLowerCase() === "permission_level");
  return k ? str(p[k]) : undefined;
}

/**
 * The permissions API names a group by its displayName; a descriptor by its SCIM id (its source id), so a
 * renamed group keeps its grants. `groupId` answers the id of a name, undefined for a group SCIM does not list.
 */
export type GroupIdOf = (displayName: string) => string | undefined;

function principalOf(
  e: Obj,
  groupId: GroupIdOf,
  unknownGroup: (name: string) => void,
): PrincipalRef | undefined {
  const user = str(e.user_name);
  if (user) return { kind: "user", id: user };
  const group = str(e.group_name);
  if (group) {
    const id = groupId(group);
    if (id === undefined) unknownGroup(group);
    return id === undefined ? undefined : { kind: "group", id };
  }
  const sp = str(e.service_principal_name);
  if (sp) return { kind: "service-principal", id: sp };
  return undefined;
}

/**
 * An object's own grants from a permissions body: inherited entries (`inherited: true`, whatever
 * `inherited_from_object` says) are dropped; SQL-object ACLs that carry `permission_level` directly and no
 * `all_permissions` are the object's own. Sorted, so the same ACL always gives the same descriptor.
 */
export function ownAcl(
  body: unknown,
  groupId: GroupIdOf,
  unknownGroup: (name: string) => void = () => {},
): { principal: PrincipalRef; level: string }[] {
  const out: { principal: PrincipalRef; level: string }[] = [];
  const seen = new Set<string>();
  for (const entry of arr(obj(body).access_control_list)) {
    const levels: string[] = [];
    if (Array.isArray(entry.all_permissions)) {
      for (const p of arr(entry.all_permissions)) {
        const level = levelOf(p);
        if (level && p.inherited !== true) levels.push(level);
      }
    } else {
      const level = levelOf(entry);
      if (level) levels.push(level);
    }
    // Only an entry with grants of its own is resolved (an inherited admins entry names no group here).
    const principal = levels.length ? principalOf(entry, groupId, unknownGroup) : undefined;
    if (!principal) continue;
    for (const level of levels) {
      const key = `${principal.kind}\u0000${principal.id}\u0000${level}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ principal, level });
    }
  }
  const k = (a: (typeof out)[number]) => `${a.principal.kind}\u0000${a.principal.id}\u0000${a.level}`;
  return out.sort((a, b) => (k(a) < k(b) ? -1 : k(a) > k(b) ? 1 : 0));
}

/** SCIM multi-valued attributes (`[{value}]`) as a sorted list of values. */
export function scimValues(v: unknown): string[] {
  return arr(v)
    .map((e) => str(e.value))
    .filter((x): x is string => !!x)
    .sort();
}

export const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
