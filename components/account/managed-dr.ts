import * as pulumi from "@pulumi/pulumi";
import * as databricks from "@pulumi/databricks";
import type { ManagedDrConfig } from "../config/managed-dr";
import { failoverGroupArgs, managedCoverage, ManagedCoverage, stableUrlArgs } from "../mapping/managed-dr";

/**
 * Databricks Managed Disaster Recovery for the secondary stack: an account-level databricks provider, the
 * stable URLs, and the failover group over the primary and secondary workspaces (which refers to the stable
 * URLs by name, so it is created after them). The arguments come from components/mapping/managed-dr.ts.
 */
export class ManagedDisasterRecovery extends pulumi.ComponentResource {
  readonly coverage: ManagedCoverage;
  readonly failoverGroup: databricks.DisasterRecoveryFailoverGroup;
  readonly stableUrls: databricks.DisasterRecoveryStableUrl[];

  constructor(name: string, args: { config: ManagedDrConfig }, opts?: pulumi.ComponentResourceOptions) {
    super("databricks-dr:account:ManagedDisasterRecovery", name, {}, opts);
    const c = args.config;
    this.coverage = managedCoverage(c);
    // Failover groups and stable URLs exist only at the account level (the provider's own note).
    const provider = new databricks.Provider(
      "account",
      {
        host: c.accountHost.replace(/\/$/, ""),
        accountId: c.accountId,
        ...(c.authType ? { authType: c.authType } : {}),
      },
      { parent: this },
    );
    this.stableUrls = stableUrlArgs(c).map(
      (a) =>
        new databricks.DisasterRecoveryStableUrl(`stable-url:${a.stableUrlId}`, a, {
          parent: this,
          provider,
        }),
    );
    this.failoverGroup = new databricks.DisasterRecoveryFailoverGroup(
      `failover-group:${c.failoverGroup}`,
      failoverGroupArgs(c),
      { parent: this, provider, dependsOn: this.stableUrls },
    );
    this.registerOutputs({
      failoverGroup: this.failoverGroup.name,
      state: this.failoverGroup.state,
      stableUrls: this.stableUrls.map((u) => u.url),
    });
  }
}
