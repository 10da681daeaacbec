import { decodeToken, encodeToken, Reply } from "../http";
import { Obj } from "../state/types";
import { AclEntry, WorkspaceState } from "../state/workspace-state";

/** Serves a stored object: its verbatim text when it was loaded from a DIR seed and never changed. */
export function serveObject(state: WorkspaceState, obj: Obj): Reply {
  const raw = state.raw.get(obj);
  return raw !== undefined ? { status: 200, raw } : { status: 200, body: obj };
}

/** Slices a list at an opaque page token; returns the page and the token of the next one, if any. */
export function page<T>(items: T[], token: string | undefined, size: number): { items: T[]; next?: string } {
  const off = decodeToken(token);
  const slice = items.slice(off, off + size);
  return { items: slice, next: off + size < items.length ? encodeToken(off + size) : undefined };
}

/** Removes keys whose value is undefined, so answers carry only what the service would put in them. */
export function compact<T extends Obj>(o: T): T {
  for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k];
  return o;
}

export const clone = <T>(o: T): T => structuredClone(o);

/** The ACL entry naming a creator: a service principal (by application id) is not a user. */
export function creatorEntry(state: WorkspaceState, creator: string, level: string): AclEntry {
  const sp = [...state.servicePrincipals.values()].some((s) => s.applicationId === creator);
  return { [sp ? "service_principal_name" : "user_name"]: creator, permission_level: level };
}
