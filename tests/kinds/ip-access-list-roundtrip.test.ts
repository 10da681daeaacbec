/**
 * IP access lists through the round trip, on a primary whose enableIpAccessLists is "true": the secondary
 * (an emulator that refuses a list blocking the caller, INVALID_STATE, as the REST reference documents)
 * gets the primary's lists plus the stack's ALLOW list of the secondary's own addresses when config names
 * them, and no ALLOW list at all when it does not (a manual action instead of a lockout). Expected values
 * are read off the primary emulator's state.
 */
import type { RunningEmulator } from "../../emulator";
import { ipListState } from "../../emulator/routes/ip-access-lists";
import { SAMPLE_IP_LISTS } from "../../emulator/seeds/sample-ip-lists";
import {
  applyStack,
  clientFor as rtClient,
  DEFAULT_TOKEN,
  Endpoint,
  RoundTripResult,
  runRoundTrip,
  startWorkspace,
} from "../../roundtrip/harness";
import { EXPORTED_AT, removeWorkDirs, workDir } from "../roundtrip/helpers";

type Obj = Record<string, unknown>;
const ours = (failures: { type: string; name: string }[]) =>
  failures.filter((f) => /ipAccessList|ip-access-list|workspaceConf/i.test(`${f.type} ${f.name}`));
const lists = (emu: RunningEmulator) =>
  [...ipListState(emu.state).lists.values()].map((l) => ({
    label: l.label,
    list_type: l.list_type,
    ip_addresses: l.ip_addresses,
    enabled: l.enabled,
  }));

let r: RoundTripResult;
let secondary: RunningEmulator;
let primaryLists: Obj[];
// The emulator sees the round trip's calls come from 127.0.0.1: that is the deploying runner's address.
const OWN = ["127.0.0.1", "20.62.1.10"];

beforeAll(async () => {
  const primary = await startWorkspace("sample", { token: DEFAULT_TOKEN });
  try {
    const ep: Endpoint = { url: primary.url, token: DEFAULT_TOKEN };
    await rtClient(ep).patch("/api/2.0/workspace-conf", { enableIpAccessLists: "true" });
    primaryLists = [...ipListState(primary.state).lists.values()];
    r = await runRoundTrip({
      primary: ep,
      dir: workDir("ip-lists"),
      exportedAt: EXPORTED_AT,
      keepSecondary: true,
      values: { secondaryIpAddresses: OWN.join(",") },
    });
    secondary = r.secondary!;
  } finally {
    await primary.close();
  }
}, 240000);
afterAll(async () => {
  await secondary?.close();
  removeWorkDirs();
});

it("with the secondary's addresses: the enabled lists, the stack's own list, the feature on", () => {
  expect(ours(r.stack.log.failures)).toEqual([]);
  expect(secondary.state.workspaceConf.enableIpAccessLists).toBe("true");
  const enabled = primaryLists.filter((l) => l.enabled === true);
  expect(enabled.length).toBeGreaterThanOrEqual(2);
  const got = lists(secondary);
  for (const l of enabled)
    expect(got).toContainEqual({
      label: l.label,
      list_type: l.list_type,
      ip_addresses: l.ip_addresses,
      enabled: true,
    });
  expect(got).toContainEqual(
    expect.objectContaining({ list_type: "ALLOW", ip_addresses: OWN, enabled: true }),
  );
  // The list disabled in the primary is not created (the provider would create it enabled).
  const disabled = primaryLists.find((l) => l.list_id === SAMPLE_IP_LISTS.partner)!;
  expect(disabled.enabled).toBe(false);
  expect(got.some((l) => l.label === disabled.label)).toBe(false);
  expect(got).toHaveLength(enabled.length + 1);
});

it("verify: lists as expected, the stack's own list and the disabled one explained", () => {
  const mine = r.verify.objects.filter((o) => o.kind === "ip-access-list");
  expect(mine.filter((o) => o.unexpected)).toEqual([]);
  expect(mine.filter((o) => o.status === "extra")).toHaveLength(1);
  expect(mine.filter((o) => o.status === "missing")).toHaveLength(1);
});

it("without the secondary's addresses: no ALLOW list is created (nobody locked out), a manual action says why", async () => {
  const empty = await startWorkspace("empty", { token: DEFAULT_TOKEN });
  try {
    const res = await applyStack({
      snapshotPath: r.primarySnapshot,
      target: { url: empty.url, token: DEFAULT_TOKEN },
      // The harness allows its own runner by default: here the config names no address at all.
      values: { secondaryIpAddresses: "" },
    });
    expect(ours(res.log.failures)).toEqual([]);
    expect(empty.state.workspaceConf.enableIpAccessLists).toBe("true");
    expect(lists(empty).filter((l) => l.list_type === "ALLOW")).toEqual([]);
    expect(lists(empty).map((l) => l.label)).toEqual(
      primaryLists.filter((l) => l.list_type === "BLOCK" && l.enabled).map((l) => l.label),
    );
    const actions = res.outputs.manualActions.filter((a) => a.kind === "ip-access-list");
    expect(actions.find((a) => a.id === SAMPLE_IP_LISTS.office)?.action).toContain("secondaryIpAddresses");
  } finally {
    await empty.close();
  }
}, 120000);
