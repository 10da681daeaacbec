/**
 * The `ip-access-list` kind. Expected values come from outside the code under test: the REST reference's
 * IpAccessList example body, the provider's IpAccessList .d.ts (checkResourceInputs), the documented
 * semantics of ALLOW/BLOCK lists (an address outside every enabled ALLOW list is refused), and the
 * emulator's own state for the export.
 */
import { normalizeIpAccessList } from "../../kinds/ip-access-list/exporter";
import {
  confInStepNote,
  ipAccessListArgs,
  secondaryAllowListArgs,
  SECONDARY_LIST_LABEL,
} from "../../kinds/ip-access-list/mapping";
import { IpAccessListDescriptor, ipAccessListSchema } from "../../kinds/ip-access-list/schema";
import { checkResourceInputs } from "../../roundtrip/provider-shape";
import { blocks } from "../../emulator/routes/ip-access-lists";
import { ownAddressesPerRegion } from "../../kinds/ip-access-list/verify";
import type { RuleContext } from "../../verify/rules";

const TYPE = "databricks:index/ipAccessList:IpAccessList";
/** The example body of the REST reference (IpAccessList object). */
const DOC_EXAMPLE = {
  list_id: "string",
  label: "Office VPN",
  ip_addresses: ["192.168.100.0/22"],
  address_count: 2,
  list_type: "ALLOW",
  created_at: 1580265020299,
  created_by: 202480738464078,
  updated_at: 1580265020299,
  updated_by: 202480738464089,
  enabled: true,
};
const d = (over: Partial<IpAccessListDescriptor> = {}): IpAccessListDescriptor => ({
  ...ipAccessListSchema.parse(normalizeIpAccessList(DOC_EXAMPLE)),
  ...over,
});
const SECONDARY = ["20.62.1.10", "52.170.4.0/30"];

describe("descriptor", () => {
  it("keeps what create/update take, under the list's id; what the service sets is left out", () => {
    expect(normalizeIpAccessList(DOC_EXAMPLE)).toEqual({
      id: "string",
      label: "Office VPN",
      list_type: "ALLOW",
      ip_addresses: ["192.168.100.0/22"],
      enabled: true,
    });
  });

  it("is validated deeply, naming the field", () => {
    const cases: [Record<string, unknown>, (string | number)[]][] = [
      [{ label: "" }, ["label"]],
      [{ list_type: "allow" }, ["list_type"]],
      [{ ip_addresses: ["1.2.3.4", "2001:db8::1"] }, ["ip_addresses", 1]],
      [{ ip_addresses: ["10.0.0.0/33"] }, ["ip_addresses", 0]],
      [{ enabled: "yes" }, ["enabled"]],
    ];
    for (const [over, path] of cases) {
      const r = ipAccessListSchema.safeParse({ ...d(), ...over });
      expect(r.success).toBe(false);
      expect(r.error!.issues[0].path).toEqual(path);
    }
    // At most 1000 values (the REST reference's limit over all lists, so over one too).
    const many = Array.from({ length: 1001 }, (_, i) => `10.0.${i >> 8}.${i & 255}`);
    expect(ipAccessListSchema.safeParse({ ...d(), ip_addresses: many }).success).toBe(false);
  });
});

describe("mapping to the provider's IpAccessList", () => {
  it("an enabled BLOCK list is sent as it is, in the provider's argument names", () => {
    const m = ipAccessListArgs(d({ list_type: "BLOCK", ip_addresses: ["192.0.2.66"] }), {
      secondaryAddresses: [],
    });
    expect(m.ok).toBe(true);
    if (!m.ok) return;
    expect(checkResourceInputs(TYPE, m.args as unknown as Record<string, unknown>)).toEqual([]);
    expect(m.args).toEqual({
      label: "Office VPN",
      listType: "BLOCK",
      ipAddresses: ["192.0.2.66"],
      enabled: true,
    });
  });

  it("an enabled ALLOW list without the secondary's addresses is not created: a manual action, never a lockout", () => {
    const m = ipAccessListArgs(d(), { secondaryAddresses: [] });
    expect(m.ok).toBe(false);
    if (m.ok) return;
    expect(m.skip).toContain("secondaryIpAddresses");
    expect(secondaryAllowListArgs([], { secondaryAddresses: [] })).toBeUndefined();
  });

  it("with the secondary's addresses, the ALLOW list plus the stack's own list admit them and nobody else new", () => {
    const opts = { secondaryAddresses: SECONDARY };
    const lists = [d(), d({ id: "b", label: "Bad", list_type: "BLOCK", ip_addresses: ["192.0.2.0/24"] })];
    const args = lists.flatMap((x) => {
      const m = ipAccessListArgs(x, opts);
      return m.ok ? [m.args] : [];
    });
    const own = secondaryAllowListArgs(args, opts)!;
    expect(own.label).toBe(SECONDARY_LIST_LABEL);
    for (const a of [...args, own])
      expect(checkResourceInputs(TYPE, a as unknown as Record<string, unknown>)).toEqual([]);
    // Judge the result with the emulator's reading of the documented ALLOW/BLOCK semantics.
    const asApi = [...args, own].map((a) => ({
      list_type: a.listType,
      ip_addresses: a.ipAddresses,
      enabled: a.enabled,
    }));
    expect(blocks(asApi, "20.62.1.10")).toBe(false);
    expect(blocks(asApi, "52.170.4.3")).toBe(false);
    expect(blocks(asApi, "192.168.101.7")).toBe(false); // the primary's office range
    expect(blocks(asApi, "8.8.8.8")).toBe(true);
    expect(blocks(asApi, "192.0.2.5")).toBe(true);
  });

  it("a BLOCK list holding one of the secondary's addresses is not created", () => {
    const m = ipAccessListArgs(d({ list_type: "BLOCK", ip_addresses: ["52.170.0.0/16"] }), {
      secondaryAddresses: SECONDARY,
    });
    expect(m.ok).toBe(false);
    if (!m.ok) expect(m.skip).toContain("52.170.4.0/30");
  });

  it("a list disabled in the primary is not created (the provider would create it enabled)", () => {
    const m = ipAccessListArgs(d({ enabled: false, list_type: "BLOCK" }), { secondaryAddresses: SECONDARY });
    expect(m.ok).toBe(false);
  });

  it("the stack adds no list of its own when only BLOCK lists are replicated (it would shut everyone out)", () => {
    const m = ipAccessListArgs(d({ list_type: "BLOCK", ip_addresses: ["192.0.2.1"] }), {
      secondaryAddresses: SECONDARY,
    });
    expect(m.ok && secondaryAllowListArgs([m.args], { secondaryAddresses: SECONDARY })).toBeUndefined();
  });

  it("enableIpAccessLists not carried by workspace-conf while lists are replicated is a manual action", () => {
    expect(confInStepNote({ values: { enableIpAccessLists: "true" } }, 2)).toBeUndefined();
    expect(confInStepNote(undefined, 0)).toBeUndefined();
    expect(confInStepNote(undefined, 1)).toContain("enableIpAccessLists");
    expect(
      confInStepNote({ values: {}, refused: { enableIpAccessLists: "400 INVALID_PARAMETER_VALUE" } }, 1),
    ).toContain("refused");
  });

  it("failback: the other region's own-addresses list is not copied (this stack makes its own), verify expects it", () => {
    // The label as the README documents the stack's own list.
    const own = d({ label: "databricks-dr: the secondary's own addresses", ip_addresses: ["20.62.1.10"] });
    expect(ipAccessListArgs(own, { secondaryAddresses: SECONDARY }).ok).toBe(false);
    const ctx = (key: string) => ({ key }) as unknown as RuleContext;
    const diff = { path: "ip_addresses[]", primary: "20.62.1.10" };
    expect(
      ownAddressesPerRegion.explain(diff, ctx("ALLOW:databricks-dr: the secondary's own addresses")),
    ).toBeDefined();
    expect(ownAddressesPerRegion.explain(diff, ctx("ALLOW:Office VPN"))).toBeUndefined();
  });
});
