import type * as pulumi from "@pulumi/pulumi";
import type { ReplicaContext } from "./context";
import type { UcState } from "./unity-catalog-state";

/**
 * Orders Unity Catalog resources after what the API checks at their creation, which no input carries a
 * dependency on: an owner or grantee must exist as a principal (`PRINCIPAL_DOES_NOT_EXIST`), and a
 * managed location or external storage path must lie inside an external location (refused otherwise).
 * Without these, `pulumi up` creates them side by side and the service refuses some of them.
 */

/** The replicated principals (user, service principal or group, as UC names them) among `names`. */
export function principalDeps(ctx: ReplicaContext, names: (string | undefined)[]): pulumi.Resource[] {
  const out = new Set<pulumi.Resource>();
  for (const name of names) {
    if (!name) continue;
    const r =
      ctx.registry.get("user", name) ??
      ctx.registry.get("service-principal", name) ??
      ctx.registry.get("group", ctx.registry.sourceIdOf("group", name));
    if (r?.resource) out.add(r.resource);
  }
  return [...out];
}

const LOCATIONS = new WeakMap<UcState, pulumi.Resource[]>();

/** An external location the stack created: storage-bearing securables wait for it. */
export function recordLocation(state: UcState, r: pulumi.Resource): void {
  const list = LOCATIONS.get(state) ?? [];
  list.push(r);
  LOCATIONS.set(state, list);
}

/** Every external location created so far (they are provisioned before catalogs, schemas and tables). */
export function locationDeps(state: UcState): pulumi.Resource[] {
  return [...(LOCATIONS.get(state) ?? [])];
}
