import { ServicePrincipalDescriptor } from "./schema";
import { Obj, scimValues, str } from "../../exporters/normalize";
import { assertStillListed, scimList } from "../../exporters/shared";
import { KindExporter, Listed, SkipError } from "../../exporters/types";

/** A SCIM service principal → descriptor, keyed by its Entra ID applicationId. */
export function normalizeServicePrincipal(sp: Obj): ServicePrincipalDescriptor {
  const applicationId = str(sp.applicationId);
  if (!applicationId) throw new SkipError("SCIM service principal without applicationId");
  return {
    id: applicationId,
    applicationId,
    displayName: str(sp.displayName),
    active: sp.active !== false,
    entitlements: scimValues(sp.entitlements),
    roles: scimValues(sp.roles),
  };
}

export const servicePrincipalExporter: KindExporter<"service-principal", Listed & { raw: Obj }> = {
  kind: "service-principal",
  async list(ctx) {
    return (await scimList(ctx, "ServicePrincipals")).map((raw) => ({
      id: str(raw.applicationId) ?? `scim:${String(raw.id)}`,
      raw,
    }));
  },
  async read(_ctx, item) {
    assertStillListed(item.raw);
    return normalizeServicePrincipal(item.raw);
  },
};
