/**
 * The IP Access Lists API as the REST reference documents it (docs.databricks.com/api/workspace/ipaccesslists)
 * and the Databricks Terraform provider's tests record its answers: create takes label, list_type and
 * ip_addresses (a new list is enabled), update PATCHes the fields it names, replace PUTs all of them; the
 * refusals RESOURCE_ALREADY_EXISTS (same type and label), QUOTA_EXCEEDED (over 1000 values), INVALID_STATE
 * (the caller's IP would be blocked while the feature is on), RESOURCE_DOES_NOT_EXIST (unknown id).
 */
import { startEmulator } from "../../emulator";
import { ipListState } from "../../emulator/routes/ip-access-lists";
import { useEmulator } from "../helpers/emulator-lifecycle";
import { client } from "./helpers";

const BASE = "/api/2.0/ip-access-lists";
const ctx = useEmulator(() => startEmulator({ workspace: "empty", rateLimits: false }), "test");

/** A call from a given public address (the service reads the caller's IP behind its load balancer). */
async function from(ip: string, method: string, path: string, body?: unknown) {
  const r = await fetch(ctx.emu.url + path, {
    method,
    headers: { ...ctx.emu.authHeaders(), "Content-Type": "application/json", "X-Forwarded-For": ip },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return { status: r.status, json: (await r.json()) as any };
}

beforeEach(() => {
  ipListState(ctx.emu.state).lists.clear();
  ipListState(ctx.emu.state).available = true;
  ctx.emu.state.workspaceConf.enableIpAccessLists = "false";
});

it("create -> get -> list -> PATCH (enabled false) -> PUT -> delete, in the documented shapes", async () => {
  const c = client(ctx.emu);
  const created = await c.post(BASE, {
    label: "Office VPN",
    list_type: "ALLOW",
    ip_addresses: ["192.168.100.0/22", "1.2.3.4"],
  });
  expect(created.status).toBe(200);
  const l = created.json.ip_access_list;
  expect(l).toMatchObject({
    label: "Office VPN",
    list_type: "ALLOW",
    ip_addresses: ["192.168.100.0/22", "1.2.3.4"],
    address_count: 2,
    enabled: true,
  });
  expect(l.list_id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  for (const f of ["created_at", "created_by", "updated_at", "updated_by"])
    expect(typeof l[f]).toBe("number");
  expect((await c.get(`${BASE}/${l.list_id}`)).json.ip_access_list).toEqual(l);
  expect((await c.get(BASE)).json.ip_access_lists).toEqual([l]);

  const patched = await c.patch(`${BASE}/${l.list_id}`, { enabled: false });
  expect(patched.status).toBe(200);
  expect((await c.get(`${BASE}/${l.list_id}`)).json.ip_access_list).toMatchObject({
    enabled: false,
    label: "Office VPN",
    ip_addresses: ["192.168.100.0/22", "1.2.3.4"],
  });
  // Replace needs label, list_type and enabled.
  const partial = await c.put(`${BASE}/${l.list_id}`, { label: "x" });
  expect(partial.status).toBe(400);
  expect(partial.json.error_code).toBe("INVALID_PARAMETER_VALUE");
  const replaced = await c.put(`${BASE}/${l.list_id}`, {
    label: "Branch",
    list_type: "BLOCK",
    ip_addresses: ["10.1.0.0/16"],
    enabled: true,
  });
  expect(replaced.json.ip_access_list).toMatchObject({
    label: "Branch",
    list_type: "BLOCK",
    address_count: 1,
  });

  expect((await c.del(`${BASE}/${l.list_id}`)).status).toBe(200);
  const gone = await c.get(`${BASE}/${l.list_id}`);
  expect(gone.status).toBe(404);
  expect(gone.json).toEqual({
    error_code: "RESOURCE_DOES_NOT_EXIST",
    message: `Can't find an IP access list with id: ${l.list_id}.`,
  });
  expect((await c.del(`${BASE}/${l.list_id}`)).status).toBe(404);
  expect((await c.patch(`${BASE}/${l.list_id}`, { enabled: true })).status).toBe(404);
});

it("refuses what the reference refuses: empty label, bad type, non-IPv4 values, a duplicate type+label", async () => {
  const c = client(ctx.emu);
  const bad = [
    { label: "", list_type: "ALLOW", ip_addresses: ["1.2.3.4"] },
    { list_type: "ALLOW", ip_addresses: ["1.2.3.4"] },
    { label: "a", list_type: "allow", ip_addresses: ["1.2.3.4"] },
    { label: "a", list_type: "ALLOW", ip_addresses: ["2001:db8::/32"] },
    { label: "a", list_type: "ALLOW", ip_addresses: ["1.2.3.256"] },
    { label: "a", list_type: "ALLOW", ip_addresses: ["1.2.3.0/33"] },
  ];
  for (const body of bad) {
    const r = await c.post(BASE, body);
    expect([r.status, r.json.error_code]).toEqual([400, "INVALID_PARAMETER_VALUE"]);
  }
  expect((await c.get(BASE)).json).toEqual({});
  const body = { label: "Naughty", list_type: "BLOCK", ip_addresses: ["1.2.3.4", "1.2.4.0/24"] };
  expect((await c.post(BASE, body)).status).toBe(200);
  const dup = await c.post(BASE, body);
  expect(dup.status).toBe(400);
  expect(dup.json).toEqual({
    error_code: "RESOURCE_ALREADY_EXISTS",
    message: "IP access list with type (BLOCK) and label (Naughty) already exists",
  });
  // The same label with the other type is another list.
  expect((await c.post(BASE, { ...body, list_type: "ALLOW" })).status).toBe(200);
});

it("QUOTA_EXCEEDED past 1000 IP/CIDR values over all lists (one CIDR counts once)", async () => {
  const c = client(ctx.emu);
  const ips = (n: number, third: number) =>
    Array.from({ length: n }, (_, i) => `10.${third}.${i >> 8}.${i & 255}`);
  expect((await c.post(BASE, { label: "a", list_type: "BLOCK", ip_addresses: ips(600, 1) })).status).toBe(
    200,
  );
  expect((await c.post(BASE, { label: "b", list_type: "BLOCK", ip_addresses: ips(400, 2) })).status).toBe(
    200,
  );
  const over = await c.post(BASE, { label: "c", list_type: "BLOCK", ip_addresses: ["10.3.0.0/16"] });
  expect([over.status, over.json.error_code]).toEqual([400, "QUOTA_EXCEEDED"]);
});

it("INVALID_STATE when the change would block the caller's current IP while the feature is on", async () => {
  const office = { label: "Office", list_type: "ALLOW", ip_addresses: ["203.0.113.0/24"] };
  // Feature off: the list has no effect yet, so nothing blocks the caller.
  expect((await from("198.51.100.9", "POST", BASE, office)).status).toBe(200);
  ipListState(ctx.emu.state).lists.clear();
  ctx.emu.state.workspaceConf.enableIpAccessLists = "true";
  const locked = await from("198.51.100.9", "POST", BASE, office);
  expect([locked.status, locked.json.error_code]).toEqual([400, "INVALID_STATE"]);
  expect(locked.json.message).toContain("198.51.100.9");
  const inside = await from("203.0.113.20", "POST", BASE, office);
  expect(inside.status).toBe(200);
  // A BLOCK list holding the caller is refused; so is a PATCH that takes the caller out of the ALLOW list.
  const block = await from("203.0.113.20", "POST", BASE, {
    label: "b",
    list_type: "BLOCK",
    ip_addresses: ["203.0.113.16/28"],
  });
  expect(block.json.error_code).toBe("INVALID_STATE");
  const id = inside.json.ip_access_list.list_id;
  const narrowed = await from("203.0.113.20", "PATCH", `${BASE}/${id}`, { ip_addresses: ["203.0.113.1"] });
  expect(narrowed.json.error_code).toBe("INVALID_STATE");
  // A disabled list blocks nobody: disabling the only ALLOW list lets every address in again.
  expect((await from("198.51.100.9", "PATCH", `${BASE}/${id}`, { enabled: false })).status).toBe(200);
});

it("a workspace whose tier lacks the feature answers 403 on every call", async () => {
  ipListState(ctx.emu.state).available = false;
  const r = await client(ctx.emu).get(BASE);
  expect(r.status).toBe(403);
  expect(r.json.error_code).toBe("FEATURE_DISABLED");
});
