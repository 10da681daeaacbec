import { UserDescriptor } from "./schema";
import { Obj, scimValues, str } from "../../exporters/normalize";
import { assertStillListed, scimList } from "../../exporters/shared";
import { KindExporter, Listed, SkipError } from "../../exporters/types";

/** A SCIM user → descriptor, keyed by userName (ids differ per workspace). */
export function normalizeUser(u: Obj): UserDescriptor {
  const userName = str(u.userName);
  if (!userName) throw new SkipError("SCIM user without userName");
  return {
    id: userName,
    userName,
    displayName: str(u.displayName),
    active: u.active !== false,
    externalId: str(u.externalId),
    entitlements: scimValues(u.entitlements),
    roles: scimValues(u.roles),
  };
}

export const userExporter: KindExporter<"user", Listed & { raw: Obj }> = {
  kind: "user",
  async list(ctx) {
    return (await scimList(ctx, "Users")).map((raw) => ({
      id: str(raw.userName) ?? `scim:${String(raw.id)}`,
      raw,
    }));
  },
  async read(_ctx, item) {
    assertStillListed(item.raw);
    return normalizeUser(item.raw);
  },
};
