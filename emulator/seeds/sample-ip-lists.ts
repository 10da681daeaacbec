import { ipListState } from "../routes/ip-access-lists";
import { WorkspaceState } from "../state/workspace-state";

/**
 * IP access lists of the sample workspace, in the API's IpAccessListInfo shape (REST reference example):
 * an office ALLOW list, a BLOCK list, and an ALLOW list left disabled. The sample's enableIpAccessLists is
 * "false" (emulator/seeds/sample.ts), so none of them restricts the emulator's callers.
 */
export const SAMPLE_IP_LISTS = {
  office: "8a3c1f0e-2b4d-4c6e-9f10-1a2b3c4d5e6f",
  blocked: "9b4d2a1f-3c5e-4d7f-8a21-2b3c4d5e6f70",
  partner: "ac5e3b20-4d6f-4e80-9b32-3c4d5e6f7081",
};

export function buildSampleIpLists(state: WorkspaceState): void {
  const s = ipListState(state);
  const common = {
    created_at: 1735808400000,
    created_by: s.userId,
    updated_at: 1735808400000,
    updated_by: s.userId,
  };
  const add = (list_id: string, label: string, list_type: string, ip_addresses: string[], enabled: boolean) =>
    s.lists.set(list_id, {
      list_id,
      label,
      list_type,
      ip_addresses,
      address_count: ip_addresses.length,
      enabled,
      ...common,
    });
  add(SAMPLE_IP_LISTS.office, "Office VPN", "ALLOW", ["203.0.113.0/24", "198.51.100.7"], true);
  add(SAMPLE_IP_LISTS.blocked, "Known bad hosts", "BLOCK", ["192.0.2.66", "192.0.2.128/25"], true);
  add(SAMPLE_IP_LISTS.partner, "Former partner", "ALLOW", ["100.64.10.0/24"], false);
}
