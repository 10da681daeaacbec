import type * as databricks from "@pulumi/databricks";
import { Mapping, skip } from "../../components/mapping/refs";
import type { IpAccessListDescriptor } from "./schema";

/**
 * descriptor -> the provider's `databricks.IpAccessList` args. Pure. The secondary is reached from other
 * addresses than the primary (its own NAT/egress IPs for classic compute, the deploying runner, the people
 * failing over): an ALLOW list copied as-is locks all of them out. The safe choice, documented in the
 * README: an enabled ALLOW list is replicated only once config `secondaryIpAddresses` names the
 * secondary's addresses, and then the stack adds one ALLOW list of its own holding them (created first);
 * a BLOCK list that blocks one of them is not created. Either is a manual action, never a lockout.
 * A list disabled in the primary is not created: the provider's create sends no `enabled` (every new
 * list is enabled) and its update leaves `false` out, so it would take effect in the secondary.
 */
export const SECONDARY_LIST_LABEL = "databricks-dr: the secondary's own addresses";

export interface IpListOptions {
  /** Config `secondaryIpAddresses` (IPv4 or CIDR). */
  secondaryAddresses: readonly string[];
}

/** An IPv4 address or CIDR as an inclusive range of 32-bit numbers (host bits masked). */
export function ipRange(text: string): { start: number; end: number } | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?:\/(\d{1,2}))?$/.exec(text.trim());
  if (!m) return undefined;
  const octets = m.slice(1, 5).map(Number);
  const prefix = m[5] === undefined ? 32 : Number(m[5]);
  if (octets.some((o) => o > 255) || prefix > 32) return undefined;
  const addr = octets.reduce((acc, o) => acc * 256 + o, 0);
  const size = 2 ** (32 - prefix);
  const start = addr - (addr % size);
  return { start, end: start + size - 1 };
}

const overlaps = (a: string, b: string): boolean => {
  const x = ipRange(a);
  const y = ipRange(b);
  return !!x && !!y && x.start <= y.end && y.start <= x.end;
};

const LOCKOUT =
  "an enabled ALLOW list would lock the secondary's own compute egress (NAT) and users out: " +
  "set config databricks-dr:secondaryIpAddresses to the secondary's egress/NAT and access addresses, then run again";

export function ipAccessListArgs(
  d: IpAccessListDescriptor,
  opts: IpListOptions,
): Mapping<databricks.IpAccessListArgs> {
  // Failback: the other region's own list comes back in its snapshot; this stack adds the secondary's own.
  if (d.list_type === "ALLOW" && d.label === SECONDARY_LIST_LABEL)
    return skip("the other region's databricks-dr list of its own addresses (this stack makes its own)");
  if (!d.enabled)
    return skip(
      "disabled in the primary: the provider creates every list enabled, so it would take effect in the secondary; create it by hand if it is needed",
    );
  if (d.list_type === "ALLOW" && opts.secondaryAddresses.length === 0) return skip(LOCKOUT);
  if (d.list_type === "BLOCK") {
    const blocked = opts.secondaryAddresses.filter((s) => d.ip_addresses.some((a) => overlaps(a, s)));
    if (blocked.length)
      return skip(
        `this BLOCK list blocks the secondary's own addresses ${blocked.join(", ")} (secondaryIpAddresses)`,
      );
  }
  const args: databricks.IpAccessListArgs = {
    label: d.label,
    listType: d.list_type,
    ipAddresses: [...d.ip_addresses],
    enabled: true,
  };
  return { ok: true, args, notes: [] };
}

/**
 * The stack's own ALLOW list: only when at least one ALLOW list is replicated (a lone ALLOW list of the
 * secondary's addresses would itself shut everyone else out).
 */
export function secondaryAllowListArgs(
  replicated: readonly databricks.IpAccessListArgs[],
  opts: IpListOptions,
): databricks.IpAccessListArgs | undefined {
  if (!opts.secondaryAddresses.length || !replicated.some((a) => a.listType === "ALLOW")) return undefined;
  return {
    label: SECONDARY_LIST_LABEL,
    listType: "ALLOW",
    ipAddresses: [...opts.secondaryAddresses],
    enabled: true,
  };
}

/**
 * `enableIpAccessLists` must be in step with the lists: the workspace-conf descriptor carries the
 * primary's value to the secondary. When it does not (not exported, refused, unset) while lists are
 * replicated, the secondary's lists may have no effect: a manual action.
 */
export function confInStepNote(
  conf: { values: Record<string, string>; refused?: Record<string, string> } | undefined,
  replicatedCount: number,
): string | undefined {
  if (!replicatedCount) return undefined;
  const v = conf?.values.enableIpAccessLists;
  if (v !== undefined) return undefined;
  const why = !conf
    ? "the snapshot holds no workspace-conf"
    : conf.refused?.enableIpAccessLists
      ? `the primary refused the key (${conf.refused.enableIpAccessLists})`
      : "the primary holds no value for it";
  return `workspace-conf enableIpAccessLists is not replicated (${why}): set it in the secondary as in the primary, or its IP access lists have no effect`;
}
