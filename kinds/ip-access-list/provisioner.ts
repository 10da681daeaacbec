import type * as pulumi from "@pulumi/pulumi";
import * as databricks from "@pulumi/databricks";
import { objectOptions, provisionEach, ReplicaContext } from "../../components/workspace/context";
import type { Provisioner } from "../../components/workspace/provisioner";
import { confInStepNote, ipAccessListArgs, IpListOptions, secondaryAllowListArgs } from "./mapping";
import { IpAccessListDescriptor } from "./schema";

export function provisionIpAccessLists(
  items: IpAccessListDescriptor[],
  ctx: ReplicaContext,
  parent: pulumi.Resource,
) {
  const opts: IpListOptions = { secondaryAddresses: ctx.settings.secondaryIpAddresses ?? [] };
  const mapped = new Map(items.map((d) => [d.id, ipAccessListArgs(d, opts)]));
  const replicated = [...mapped.values()].flatMap((m) => (m.ok ? [m.args] : []));
  // The secondary's own addresses are allowed before any replicated ALLOW list exists (the API refuses a
  // list that blocks the caller with INVALID_STATE once the feature is on; compute would be shut out).
  const own = secondaryAllowListArgs(replicated, opts);
  const ownList = own
    ? new databricks.IpAccessList("ip-access-list:_secondary", own, objectOptions(ctx, parent))
    : undefined;
  const note = confInStepNote(ctx.kept["workspace-conf"][0], replicated.length);
  if (note) ctx.report.action("workspace-conf", "workspace-conf", note);
  provisionEach("ip-access-list", items, ctx, parent, {
    map: (d) => mapped.get(d.id)!,
    prefix: "ip-access-list",
    create: (name, args, o) => new databricks.IpAccessList(name, args, o),
    label: (d) => `${d.list_type} ${d.label}`,
    dependsOn: () => (ownList ? [ownList] : []),
    value: null,
  });
}

/** In the settings group after workspace-conf (which carries enableIpAccessLists), before permissions. */
export const IP_ACCESS_LIST_PROVISIONER: Provisioner<"ip-access-list"> = {
  group: "settings",
  order: 2,
  provision: provisionIpAccessLists,
};
