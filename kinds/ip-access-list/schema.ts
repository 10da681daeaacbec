import { z } from "zod";
import type { Ref } from "../common";

/**
 * One IP access list as `GET /api/2.0/ip-access-lists/{list_id}` returns it (IpAccessListInfo), without
 * what the service sets (address_count, created_*, updated_*). The REST reference: IPv4 addresses or CIDR
 * ranges only, at most 1000 values over all lists of a workspace, a label that is never empty.
 */
export const MAX_IP_VALUES = 1000;

const octet = "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
const IPV4_OR_CIDR = new RegExp(`^${octet}(\\.${octet}){3}(/(3[0-2]|[12]?\\d))?$`);
export const ipv4OrCidr = z
  .string()
  .regex(IPV4_OR_CIDR, "must be an IPv4 address or CIDR such as 10.0.0.0/24");

export const ipAccessListSchema = z.object({
  /** The primary's `list_id`: the stable id (a relabel keeps it); the secondary assigns its own. */
  id: z.string().min(1),
  label: z.string().min(1),
  list_type: z.enum(["ALLOW", "BLOCK"]),
  ip_addresses: z.array(ipv4OrCidr).max(MAX_IP_VALUES),
  enabled: z.boolean(),
});
export type IpAccessListDescriptor = z.infer<typeof ipAccessListSchema>;

/** An IP access list names no other object. */
export const ipAccessListReferences = (_d: IpAccessListDescriptor): Ref[] => [];
