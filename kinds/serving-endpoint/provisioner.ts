import type * as pulumi from "@pulumi/pulumi";
import * as databricks from "@pulumi/databricks";
import { provisionEach, ReplicaContext } from "../../components/workspace/context";
import type { Provisioner } from "../../components/workspace/provisioner";
import { servingEndpointArgs } from "./mapping";
import { ServingEndpointDescriptor, servingEndpointReferences } from "./schema";

export function provisionServingEndpoints(
  items: ServingEndpointDescriptor[],
  ctx: ReplicaContext,
  parent: pulumi.Resource,
) {
  provisionEach("serving-endpoint", items, ctx, parent, {
    map: (d) =>
      servingEndpointArgs(d, { activation: ctx.settings.activation, resolve: ctx.registry.resolve }),
    prefix: "serving",
    create: (name, args, opts) => new databricks.ModelServing(name, args, opts),
    label: (d) => d.name,
    // The Permissions API names an endpoint by its id, not its name: that is what an ACL resolves to.
    value: (r) => r.servingEndpointId,
    // Catalogs are named by name in the config: depend on their resources explicitly.
    dependsOn: (d) => ctx.registry.resourcesOf(servingEndpointReferences(d)),
  });
}

/**
 * In the secrets group after the secret scopes (an external model reads its key from one), so after Unity
 * Catalog too (UC models and inference tables name catalogs).
 */
export const SERVING_ENDPOINT_PROVISIONER: Provisioner<"serving-endpoint"> = {
  group: "secrets",
  order: 2,
  provision: provisionServingEndpoints,
};
