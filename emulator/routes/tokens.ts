import { randomBytes } from "node:crypto";
import { invalid, notFound } from "../errors";
import { field, ok, requireParam } from "../http";
import { Router } from "../router";
import { Obj } from "../state/types";

/**
 * Token API (`/api/2.0/token/*`): the caller's personal access tokens. The value is returned once, by
 * create; list and the rest answer metadata only. A created token authenticates requests.
 */
export function registerTokens(r: Router): void {
  const base = "/api/2.0/token";
  r.post(`${base}/create`, (ctx) => {
    const { state } = ctx;
    const lifetime = field<number | undefined>(ctx, "lifetime_seconds");
    if (lifetime !== undefined && lifetime !== null && !Number.isInteger(Number(lifetime)))
      throw invalid(`Invalid lifetime_seconds: ${String(lifetime)}`);
    const now = state.now();
    const seconds = Number(lifetime ?? -1);
    const info: Obj = {
      token_id: randomBytes(32).toString("hex"),
      creation_time: now,
      expiry_time: seconds > 0 ? now + seconds * 1000 : -1,
    };
    const comment = field<string | undefined>(ctx, "comment");
    if (comment !== undefined) info.comment = comment;
    const value = `dapi${randomBytes(16).toString("hex")}`;
    state.tokens.set(value, info);
    return ok({ token_value: value, token_info: info });
  });
  r.get(`${base}/list`, (ctx) => {
    const infos = [...ctx.state.tokens.values()].map((t) => ({ ...t }));
    return ok(infos.length ? { token_infos: infos } : {});
  });
  r.post(`${base}/delete`, (ctx) => {
    const { state } = ctx;
    const id = requireParam(ctx, "token_id");
    for (const [value, info] of state.tokens)
      if (info.token_id === id) {
        state.tokens.delete(value);
        return ok({});
      }
    throw notFound(`Token with id ${id} does not exist.`);
  });
}

/** A token made by token/create that has not expired. */
export function isLiveToken(tokens: Map<string, Obj>, value: string, now = Date.now()): boolean {
  const t = tokens.get(value);
  return !!t && (t.expiry_time === -1 || Number(t.expiry_time) > now);
}
