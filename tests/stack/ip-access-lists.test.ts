/**
 * The stack's IP access lists, as Pulumi registrations: the provider's IpAccessList type and argument names
 * (its .d.ts), the stack's ALLOW list of the secondary's own addresses registered before and depended on by
 * every replicated list (so the secondary's compute and the deployer are allowed before any list applies),
 * and a bad `secondaryIpAddresses` refused by config with the key named.
 */
import { parseStackConfig } from "../../components/config/parse";
import { buildStack, secondaryValues } from "./helpers/build";
import { MockWorld } from "./helpers/mocks";
import { writeSampleSnapshot } from "./helpers/sample-snapshot";
import type { IpAccessListDescriptor } from "../../kinds/ip-access-list/schema";

const TYPE = "databricks:index/ipAccessList:IpAccessList";
const LISTS: IpAccessListDescriptor[] = [
  { id: "l-allow", label: "Office VPN", list_type: "ALLOW", ip_addresses: ["203.0.113.0/24"], enabled: true },
  { id: "l-block", label: "Bad", list_type: "BLOCK", ip_addresses: ["192.0.2.66"], enabled: true },
  { id: "l-off", label: "Old", list_type: "ALLOW", ip_addresses: ["100.64.0.0/10"], enabled: false },
];

let world: MockWorld;
beforeAll(async () => {
  const dir = writeSampleSnapshot((d) => {
    d["ip-access-list"] = LISTS;
  });
  ({ world } = await buildStack(secondaryValues(dir, { secondaryIpAddresses: "20.62.1.10,52.170.4.0/30" })));
});

it("the lists are IpAccessList resources in the provider's argument names; the disabled one is not created", () => {
  const regs = world.byType(TYPE);
  const byLabel = new Map(regs.map((r) => [r.inputs.label, r]));
  expect(byLabel.get("Office VPN")!.inputs).toEqual({
    label: "Office VPN",
    listType: "ALLOW",
    ipAddresses: ["203.0.113.0/24"],
    enabled: true,
  });
  expect(byLabel.get("Bad")!.inputs.listType).toBe("BLOCK");
  expect(byLabel.has("Old")).toBe(false);
  expect(regs).toHaveLength(3);
});

it("the stack's own ALLOW list comes first and every replicated list depends on it", () => {
  const regs = world.byType(TYPE);
  const own = regs.find(
    (r) => r.inputs.ipAddresses && (r.inputs.ipAddresses as string[]).includes("20.62.1.10"),
  )!;
  expect(own.inputs).toMatchObject({ listType: "ALLOW", ipAddresses: ["20.62.1.10", "52.170.4.0/30"] });
  expect(regs.indexOf(own)).toBe(0);
  for (const r of regs.filter((x) => x !== own))
    expect([r.inputs.label, r.dependencies]).toEqual([r.inputs.label, expect.arrayContaining([own.urn])]);
});

it("config refuses an address that is not IPv4 or CIDR, naming the key", () => {
  expect(() =>
    parseStackConfig({
      project: "databricks-dr",
      stack: "secondary",
      values: { ...secondaryValues("/tmp/x"), secondaryIpAddresses: "20.62.1.10,2001:db8::1" },
      secretKeys: new Set(["secrets"]),
    }),
  ).toThrow(/secondaryIpAddresses/);
});
