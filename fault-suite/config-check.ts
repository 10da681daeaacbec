/**
 * Configuration, not only presence: every exported job, cluster, pool, policy, warehouse, repo, user, group,
 * service principal (SCIM attributes, entitlements) and global init script must say
 * what the primary's own state says (fault-suite/truth.ts), field by field after the documented
 * normalization. A schedule deleted, a library dropped, a path rewritten, a worker count changed: each is a
 * loss, named with the first paths that differ.
 */
import type { KindName } from "../kinds/common";
import type { Snapshot } from "../snapshot/reader";
import { differences, PrimaryConfig } from "./truth";

type Lose = (kind: KindName, id: string, what: string) => void;

const pick = <T extends object>(o: T, keys: (keyof T)[]) =>
  Object.fromEntries(keys.map((k) => [k, o[k]])) as Partial<T>;

export function checkConfiguration(cfg: PrimaryConfig, snap: Snapshot, lose: Lose): void {
  const report = (kind: KindName, id: string, diffs: string[]) => {
    if (diffs.length) lose(kind, id, `differs from the primary: ${diffs.join("; ")}`);
  };
  for (const d of snap.descriptors.job) {
    const t = cfg.jobs.get(d.id);
    if (!t) continue;
    report("job", d.id, [
      ...differences(t.settings, d.settings, "settings"),
      ...differences(t.runAs ?? null, d.runAs ?? null, "runAs"),
    ]);
  }
  for (const d of snap.descriptors.cluster) {
    const t = cfg.clusters.get(d.id);
    if (!t) continue;
    report("cluster", d.id, [
      ...differences(t.name, d.name, "name"),
      ...differences(t.spec, d.spec, "spec"),
      ...differences(t.pinned, d.pinned, "pinned"),
      ...differences(t.libraries, d.libraries, "libraries"),
    ]);
  }
  for (const d of snap.descriptors["instance-pool"]) {
    const t = cfg.pools.get(d.id);
    if (t)
      report("instance-pool", d.id, [
        ...differences(t.name, d.name, "name"),
        ...differences(t.spec, d.spec, "spec"),
      ]);
  }
  for (const d of snap.descriptors["sql-warehouse"]) {
    const t = cfg.warehouses.get(d.id);
    if (t)
      report("sql-warehouse", d.id, [
        ...differences(t.name, d.name, "name"),
        ...differences(t.spec, d.spec, "spec"),
      ]);
  }
  for (const d of snap.descriptors["cluster-policy"]) {
    const t = cfg.policies.get(d.id);
    if (!t) continue;
    const { id: _id, ...got } = d as unknown as Record<string, unknown>;
    report("cluster-policy", d.id, differences(t, got));
  }
  const sorted = (xs: string[]) => [...xs].sort();
  for (const d of snap.descriptors.user) {
    const t = cfg.principals.get(`user ${d.userName}`);
    if (t)
      report(
        "user",
        d.id,
        differences(t, {
          ...pick(d, ["displayName", "active", "externalId"]),
          entitlements: sorted(d.entitlements),
          roles: sorted(d.roles),
        }),
      );
  }
  for (const d of snap.descriptors.group) {
    const t = cfg.principals.get(`group ${d.displayName}`);
    if (t)
      report(
        "group",
        d.id,
        differences(t, {
          externalId: d.externalId,
          entitlements: sorted(d.entitlements),
          roles: sorted(d.roles),
        }),
      );
  }
  for (const d of snap.descriptors["service-principal"]) {
    const t = cfg.principals.get(`service-principal ${d.applicationId}`);
    if (t)
      report(
        "service-principal",
        d.id,
        differences(t, {
          ...pick(d, ["displayName", "active"]),
          entitlements: sorted(d.entitlements),
          roles: sorted(d.roles),
        }),
      );
  }
  for (const d of snap.descriptors["global-init-script"]) {
    const t = cfg.initScripts.get(d.name);
    if (t) report("global-init-script", d.id, differences(t, { enabled: d.enabled, position: d.position }));
  }
  for (const d of snap.descriptors.repo) {
    const t = cfg.repos.get(d.path);
    if (!t) continue;
    const got = {
      url: d.url,
      provider: d.provider,
      branch: d.branch,
      headCommitId: d.headCommitId,
      sparseCheckoutPatterns: d.sparseCheckoutPatterns,
    };
    report("repo", d.id, differences(t, got));
  }
}
