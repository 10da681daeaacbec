/**
 * The stack's IP access lists, as Pulumi registrations: the provider's IpAccessList type and argument names
 * (its .d.ts), the stack's ALLOW list of the secondary's own addresses registered before and depended on by
 * every replicated list (so the secondary's compute and the deployer are allowed before any list applies),
 * and a bad `secondaryIpAddresses` refused by config with the key named.
 */
import { parseStackConfig } from "../../components/config/parse";
import { buildStack, secondaryValues } from "./helpers/build";
import { MockWorld } from "./helpers/mocks";
import { loadSeed } from "../../emulator/seeds";
import { ipListState } from "../../emulator/routes/ip-access-lists";
import { sampleWorld } from "../helpers/sample-world";

const TYPE = "databricks:index/ipAccessList:IpAccessList";
type SeedList = { label: string; list_type: string; ip_addresses: string[]; enabled: boolean };

let world: MockWorld;
/** The emulator's sample lists (emulator/seeds/sample-ip-lists.ts), in its API shape. */
let seedLists: SeedList[];
beforeAll(async () => {
  seedLists = [...ipListState(await loadSeed("sample")).lists.values()] as unknown as SeedList[];
  const dir = sampleWorld().write();
  ({ world } = await buildStack(secondaryValues(dir, { secondaryIpAddresses: "20.62.1.10,52.170.4.0/30" })));
});

it("the lists are IpAccessList resources in the provider's argument names; the disabled one is not created", () => {
  const regs = world.byType(TYPE);
  const byLabel = new Map(regs.map((r) => [r.inputs.label, r]));
  const on = seedLists.filter((l) => l.enabled);
  // The seed has enabled lists of both types and a disabled one, so each expectation can fail.
  expect(new Set(on.map((l) => l.list_type))).toEqual(new Set(["ALLOW", "BLOCK"]));
  expect(seedLists.some((l) => !l.enabled)).toBe(true);
  for (const l of on)
    expect(byLabel.get(l.label)?.inputs).toEqual({
      label: l.label,
      listType: l.list_type,
      ipAddresses: l.ip_addresses,
      enabled: true,
    });
  for (const l of seedLists.filter((x) => !x.enabled)) expect(byLabel.has(l.label)).toBe(false);
  expect(regs).toHaveLength(on.length + 1); // and the stack's own list
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
