import * as pulumi from "@pulumi/pulumi";
import * as databricks from "@pulumi/databricks";
import { objectOptions, ReplicaContext, resourceName, skipObject } from "../../components/workspace/context";
import type { Provisioner } from "../../components/workspace/provisioner";
import { servicePrincipalsInEntra } from "../../components/workspace/identities";
import { servicePrincipalArgs } from "./mapping";
import { ServicePrincipalDescriptor } from "./schema";

export async function provisionServicePrincipals(
  items: ServicePrincipalDescriptor[],
  ctx: ReplicaContext,
  parent: pulumi.Resource,
) {
  const { report, registry, settings } = ctx;
  report.seen("service-principal", items.length);
  const inEntra = settings.checkEntraId
    ? await servicePrincipalsInEntra(items.map((s) => s.applicationId))
    : undefined;
  for (const sp of items) {
    if (inEntra && !inEntra.has(sp.applicationId.toLowerCase())) {
      report.skip(
        "service-principal",
        sp.id,
        "application not found in Entra ID (a Databricks-managed principal, or deleted): create it, then re-run",
      );
      registry.missing("service-principal", sp.id, "not in Entra ID");
      continue;
    }
    const m = servicePrincipalArgs(sp);
    if (!m.ok) {
      skipObject(ctx, "service-principal", sp.id, m.skip);
      continue;
    }
    const r = new databricks.ServicePrincipal(resourceName("sp", sp.id), m.args, objectOptions(ctx, parent));
    registry.set("service-principal", sp.id, {
      resource: r,
      value: r.applicationId,
      scimId: r.id,
      label: sp.displayName ?? sp.applicationId,
    });
    report.replicated("service-principal");
    report.notes("service-principal", sp.id, m.notes);
  }
}

export const SERVICE_PRINCIPAL_PROVISIONER: Provisioner<"service-principal"> = {
  group: "identities",
  order: 2,
  provision: provisionServicePrincipals,
};
