import { EmulatorError, invalid, invalidState, notFound } from "../errors";
import { ok, RequestContext } from "../http";
import { Router } from "../router";
import { Obj } from "../state/types";
import { WorkspaceState } from "../state/workspace-state";

/**
 * IP Access Lists API (`/api/2.0/ip-access-lists`), as the REST reference documents it: list (every list,
 * no paging), get, create (label, list_type, ip_addresses: a new list is enabled), update (PATCH, the
 * fields it names, `enabled` included), replace (PUT, all of them), delete. Documented refusals: a second
 * list of one type with the same label (RESOURCE_ALREADY_EXISTS), more than 1000 IP/CIDR values over all
 * lists (QUOTA_EXCEEDED), a change that would block the caller's current IP while the feature is on
 * (INVALID_STATE), an unknown id (404). IPv4 only. A workspace whose tier lacks the feature answers 403.
 */
export const MAX_VALUES = 1000;
const BASE = "/api/2.0/ip-access-lists";
const LIST_TYPES = ["ALLOW", "BLOCK"];

function range(text: string): { start: number; end: number } | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?:\/(\d{1,2}))?$/.exec(text);
  if (!m) return undefined;
  const o = m.slice(1, 5).map(Number);
  const prefix = m[5] === undefined ? 32 : Number(m[5]);
  if (o.some((x) => x > 255) || prefix > 32) return undefined;
  const addr = ((o[0] * 256 + o[1]) * 256 + o[2]) * 256 + o[3];
  const size = 2 ** (32 - prefix);
  return { start: addr - (addr % size), end: addr - (addr % size) + size - 1 };
}

/** The caller's address as the service sees it: the first X-Forwarded-For hop, else the socket's. */
export function callerIp(ctx: RequestContext): string {
  const fwd = ctx.headers["x-forwarded-for"];
  const first = (Array.isArray(fwd) ? fwd[0] : fwd)?.split(",")[0]?.trim();
  const ip = first || ctx.req?.socket?.remoteAddress || "127.0.0.1";
  return ip.replace(/^::ffff:/, "").replace(/^::1$/, "127.0.0.1");
}

/** Would these lists block `ip`? Blocked by an enabled BLOCK list, or outside every enabled ALLOW list. */
export function blocks(lists: Iterable<Obj>, ip: string): boolean {
  const r = range(ip);
  if (!r) return false;
  const hit = (l: Obj) =>
    (l.ip_addresses as string[]).some((a) => {
      const x = range(a);
      return !!x && x.start <= r.start && r.end <= x.end;
    });
  const enabled = [...lists].filter((l) => l.enabled === true);
  if (enabled.some((l) => l.list_type === "BLOCK" && hit(l))) return true;
  const allow = enabled.filter((l) => l.list_type === "ALLOW");
  return allow.length > 0 && !allow.some(hit);
}

function available(state: WorkspaceState): void {
  if (!ipListState(state).available)
    throw new EmulatorError(
      403,
      "FEATURE_DISABLED",
      "IP access lists are not available in the pricing tier of this workspace.",
    );
}

function existing(state: WorkspaceState, id: string): Obj {
  const l = ipListState(state).lists.get(id);
  if (!l) throw notFound(`Can't find an IP access list with id: ${id}.`);
  return l;
}

/** The fields a create/update/replace body sets, checked as the service checks them. */
function checked(body: Obj, required: readonly string[]): Obj {
  for (const f of required)
    if (body[f] === undefined || body[f] === null) throw invalid(`Missing required field: ${f}`);
  const out: Obj = {};
  if (body.label !== undefined) {
    if (typeof body.label !== "string" || body.label.trim() === "") throw invalid("Label cannot be empty.");
    out.label = body.label;
  }
  if (body.list_type !== undefined) {
    if (!LIST_TYPES.includes(String(body.list_type)))
      throw invalid(`Invalid list_type: ${String(body.list_type)}. Valid values are ALLOW, BLOCK.`);
    out.list_type = body.list_type;
  }
  if (body.ip_addresses !== undefined) {
    if (!Array.isArray(body.ip_addresses)) throw invalid("ip_addresses must be a list of strings.");
    for (const a of body.ip_addresses)
      if (typeof a !== "string" || !range(a))
        throw invalid(`${JSON.stringify(a)} is not a valid IPv4 address or CIDR block.`);
    out.ip_addresses = [...(body.ip_addresses as string[])];
  }
  if (body.enabled !== undefined) {
    if (typeof body.enabled !== "boolean") throw invalid("enabled must be a boolean.");
    out.enabled = body.enabled;
  }
  return out;
}

/** The documented refusals of a change, judged on the lists as they would be after it. */
function admit(ctx: RequestContext, next: Obj, id: string | undefined): void {
  const { state } = ctx;
  const others = [...ipListState(state).lists.values()].filter((l) => l.list_id !== id);
  if (others.some((l) => l.list_type === next.list_type && l.label === next.label))
    throw new EmulatorError(
      400,
      "RESOURCE_ALREADY_EXISTS",
      `IP access list with type (${String(next.list_type)}) and label (${String(next.label)}) already exists`,
    );
  const values = [...others, next].reduce((n, l) => n + (l.ip_addresses as string[]).length, 0);
  if (values > MAX_VALUES)
    throw new EmulatorError(
      400,
      "QUOTA_EXCEEDED",
      `The IP access lists of this workspace would hold ${values} IP/CIDR values; at most ${MAX_VALUES} are allowed.`,
    );
  const ip = callerIp(ctx);
  if (state.workspaceConf.enableIpAccessLists === "true" && blocks([...others, next], ip))
    throw invalidState(
      `Your current IP ${ip} will not be allowed to access the workspace under this configuration.`,
    );
}

function put(state: WorkspaceState, l: Obj): Obj {
  l.address_count = (l.ip_addresses as string[]).length;
  l.updated_at = state.now();
  l.updated_by = ipListState(state).userId;
  ipListState(state).lists.set(String(l.list_id), l);
  return l;
}

/** The emulator's IP access list state, kept beside the workspace state (one per WorkspaceState). */
export interface IpListState {
  lists: Map<string, Obj>;
  /** false: the workspace's tier lacks the feature, every call answers 403. */
  available: boolean;
  /** The numeric user id recorded as created_by/updated_by. */
  userId: number;
}
const STATES = new WeakMap<WorkspaceState, IpListState>();
export function ipListState(state: WorkspaceState): IpListState {
  let s = STATES.get(state);
  if (!s) STATES.set(state, (s = { lists: new Map(), available: true, userId: 202480738464078 }));
  return s;
}

const uuid = (state: WorkspaceState) => [8, 4, 4, 4, 12].map((n) => state.hexId(n)).join("-");

export function registerIpAccessLists(r: Router): void {
  r.get(BASE, (ctx) => {
    available(ctx.state);
    const lists = [...ipListState(ctx.state).lists.values()].map((l) => ({ ...l }));
    return ok(lists.length ? { ip_access_lists: lists } : {});
  });
  r.get(`${BASE}/{id}`, (ctx) => {
    available(ctx.state);
    return ok({ ip_access_list: { ...existing(ctx.state, ctx.params.id) } });
  });
  r.post(BASE, (ctx) => {
    const { state } = ctx;
    available(state);
    // Create takes no `enabled`: a new list is enabled.
    const fields = checked(ctx.body, ["label", "list_type"]);
    const now = state.now();
    const l: Obj = {
      list_id: uuid(state),
      label: fields.label,
      ip_addresses: fields.ip_addresses ?? [],
      list_type: fields.list_type,
      created_at: now,
      created_by: ipListState(state).userId,
      enabled: true,
    };
    admit(ctx, l, undefined);
    return ok({ ip_access_list: { ...put(state, l) } });
  });
  const change = (required: readonly string[]) => (ctx: RequestContext) => {
    const { state } = ctx;
    available(state);
    const old = existing(state, ctx.params.id);
    const next = { ...old, ...checked(ctx.body, required) };
    admit(ctx, next, ctx.params.id);
    return ok({ ip_access_list: { ...put(state, next) } });
  };
  r.patch(`${BASE}/{id}`, change([]));
  r.put(`${BASE}/{id}`, change(["label", "list_type", "enabled"]));
  r.delete(`${BASE}/{id}`, (ctx) => {
    available(ctx.state);
    existing(ctx.state, ctx.params.id);
    ipListState(ctx.state).lists.delete(ctx.params.id);
    return ok({});
  });
}
