/**
 * The default namespace setting as the Settings API reference describes it: a setting never set is a 404
 * that carries the etag to use; a PATCH or DELETE with a stale etag is a 409 carrying the fresh one.
 */
import { startEmulator } from "../../emulator";
import { useEmulator } from "../helpers/emulator-lifecycle";
import { client } from "./helpers";

const PATH = "/api/2.0/settings/types/default_namespace_ws/names/default";
const ctx = useEmulator(() => startEmulator({ workspace: "empty", rateLimits: false }), "test");
const etagIn = (json: { details?: { metadata?: { etag?: string } }[] }) => json.details?.[0]?.metadata?.etag;
const patch = (etag: string | undefined, value = "sales", extra: Record<string, unknown> = {}) => ({
  allow_missing: true,
  field_mask: "namespace.value",
  setting: { ...(etag ? { etag } : {}), setting_name: "default", namespace: { value } },
  ...extra,
});

it("never set: 404 NOT_FOUND with the etag; a PATCH with it sets the value; GET answers it", async () => {
  const c = client(ctx.emu);
  const missing = await c.call("GET", PATH);
  expect(missing.status).toBe(404);
  expect(missing.json.error_code).toBe("NOT_FOUND");
  const etag = etagIn(missing.json);
  expect(etag).toEqual(expect.any(String));
  const set = await c.call("PATCH", PATH, patch(etag));
  expect(set.status).toBe(200);
  expect(set.json.namespace).toEqual({ value: "sales" });
  expect(set.json.etag).not.toBe(etag);
  expect((await c.call("GET", PATH)).json).toMatchObject({
    namespace: { value: "sales" },
    etag: set.json.etag,
  });
});

it("a stale or missing etag is 409 with the fresh one; allow_missing and field_mask are required", async () => {
  const c = client(ctx.emu);
  const stale = await c.call("PATCH", PATH, patch(undefined));
  expect(stale.status).toBe(409);
  const fresh = etagIn(stale.json);
  expect((await c.call("PATCH", PATH, patch(fresh, "sales", { allow_missing: false }))).status).toBe(400);
  expect((await c.call("PATCH", PATH, { ...patch(fresh), field_mask: undefined })).status).toBe(400);
  const ok = await c.call("PATCH", PATH, patch(fresh));
  expect(ok.status).toBe(200);
  // The first etag is stale now, for DELETE too.
  expect((await c.call("DELETE", `${PATH}?etag=${encodeURIComponent(fresh!)}`)).status).toBe(409);
  expect((await c.call("DELETE", `${PATH}?etag=${encodeURIComponent(ok.json.etag)}`)).status).toBe(200);
  expect((await c.call("GET", PATH)).status).toBe(404);
});
