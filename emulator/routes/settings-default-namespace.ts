/**
 * The workspace's default namespace setting (`/api/2.0/settings/types/default_namespace_ws/names/default`),
 * as the Settings API reference describes it: GET of a setting never set is `404 NOT_FOUND` with the etag
 * to use in the error's details; PATCH needs `allow_missing: true`, a `field_mask` and the fresh etag in
 * `setting.etag`, else `409` with the fresh etag in the details; DELETE takes `?etag=` alike.
 */
import { EmulatorError, invalid } from "../errors";
import { ok, param, RequestContext } from "../http";
import { Router } from "../router";
import type { WorkspaceState } from "../state/workspace-state";

const PATH = "/api/2.0/settings/types/default_namespace_ws/names/default";

interface NamespaceSetting {
  version: number;
  value?: string;
}
const settings = new WeakMap<WorkspaceState, NamespaceSetting>();

function of(state: WorkspaceState): NamespaceSetting {
  let s = settings.get(state);
  if (!s) settings.set(state, (s = { version: 1 }));
  return s;
}

const etagOf = (s: NamespaceSetting) => Buffer.from(`default_namespace_ws:${s.version}`).toString("base64");

/** An error that carries the fresh etag, as `google.rpc.ErrorInfo` metadata. */
class EtagError extends EmulatorError {
  constructor(
    status: number,
    code: string,
    message: string,
    readonly etag: string,
  ) {
    super(status, code, message);
  }
  override body() {
    return {
      ...super.body(),
      details: [
        {
          "@type": "type.googleapis.com/google.rpc.ErrorInfo",
          reason: this.errorCode,
          metadata: { etag: this.etag },
        },
      ],
    } as ReturnType<EmulatorError["body"]>;
  }
}

const answer = (s: NamespaceSetting) => ({
  etag: etagOf(s),
  setting_name: "default",
  namespace: { value: s.value },
});

function checkEtag(s: NamespaceSetting, etag: unknown): void {
  if (etag !== etagOf(s))
    throw new EtagError(
      409,
      "RESOURCE_CONFLICT",
      "etag does not match the setting's current version",
      etagOf(s),
    );
}

export function registerDefaultNamespace(r: Router): void {
  r.get(PATH, (ctx) => {
    const s = of(ctx.state);
    if (s.value === undefined)
      throw new EtagError(404, "NOT_FOUND", "Setting default was not found", etagOf(s));
    return ok(answer(s));
  });
  r.patch(PATH, (ctx: RequestContext) => {
    const b = ctx.body as {
      allow_missing?: unknown;
      field_mask?: unknown;
      setting?: Record<string, unknown>;
    };
    if (b.allow_missing !== true) throw invalid("allow_missing must be true for the Settings API.");
    if (typeof b.field_mask !== "string" || !b.field_mask) throw invalid("field_mask is required.");
    const value = (b.setting?.namespace as { value?: unknown } | undefined)?.value;
    if (typeof value !== "string" || !value) throw invalid("setting.namespace.value is required.");
    const s = of(ctx.state);
    checkEtag(s, b.setting?.etag);
    s.value = value;
    s.version++;
    return ok(answer(s));
  });
  r.delete(PATH, (ctx) => {
    const s = of(ctx.state);
    checkEtag(s, param(ctx, "etag"));
    s.value = undefined;
    s.version++;
    return ok({ etag: etagOf(s) });
  });
}
