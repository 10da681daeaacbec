import * as pulumi from "@pulumi/pulumi";
import type { PrincipalSpec } from "./identity-sync-impl";
import type { AclBatchInputs } from "./acl-batch-impl";
import type { LedgerKind } from "./prune-ledger-impl";
import { lazyProvider } from "./shell";

const userBatchProvider = lazyProvider(require.resolve("./identity-sync-impl"), "userBatchImpl");
const groupBatchProvider = lazyProvider(require.resolve("./identity-sync-impl"), "groupBatchImpl");
const groupMembersProvider = lazyProvider(require.resolve("./identity-sync-impl"), "groupMembersImpl");
const membershipBatchProvider = lazyProvider(require.resolve("./identity-sync-impl"), "membershipBatchImpl");
const aclBatchProvider = lazyProvider(require.resolve("./acl-batch-impl"), "aclBatchImpl");

export interface ScimBatchArgs {
  host: pulumi.Input<string>;
  batch: string;
  /** source id (the descriptor's id) -> settings. */
  principals: Record<string, PrincipalSpec>;
  prune: boolean;
  /** Where the snapshot is (relative to the program's directory when inside it): prune's oracle. */
  snapshotRoot: string;
}

/** Users above the per-object threshold, a batch per resource; `ids` maps source id -> SCIM id. */
export class UserBatch extends pulumi.dynamic.Resource {
  declare readonly principals: pulumi.Output<Record<string, PrincipalSpec>>;
  declare readonly ids: pulumi.Output<Record<string, string>>;
  constructor(name: string, args: ScimBatchArgs, opts?: pulumi.CustomResourceOptions) {
    super(userBatchProvider, name, { ...args, ids: undefined }, opts, "databricks-dr", "UserBatch");
  }
}

/** Groups above the per-object threshold, a batch per resource; `ids` maps source id -> SCIM id. */
export class GroupBatch extends pulumi.dynamic.Resource {
  declare readonly principals: pulumi.Output<Record<string, PrincipalSpec>>;
  declare readonly ids: pulumi.Output<Record<string, string>>;
  constructor(name: string, args: ScimBatchArgs, opts?: pulumi.CustomResourceOptions) {
    super(groupBatchProvider, name, { ...args, ids: undefined }, opts, "databricks-dr", "GroupBatch");
  }
}

export interface GroupMembersArgs {
  host: pulumi.Input<string>;
  groupId: pulumi.Input<string>;
  /** `user:a@b.c` -> the member's id in the secondary. */
  members: pulumi.Input<Record<string, pulumi.Input<string>>>;
  prune: boolean;
}

/** A group's direct members, held per group (one resource, not one per membership). */
export class GroupMembers extends pulumi.dynamic.Resource {
  declare readonly groupId: pulumi.Output<string>;
  declare readonly members: pulumi.Output<Record<string, string>>;
  constructor(name: string, args: GroupMembersArgs, opts?: pulumi.CustomResourceOptions) {
    super(groupMembersProvider, name, { ...args }, opts, "databricks-dr", "GroupMembers");
  }
}

export interface MembershipBatchArgs {
  host: pulumi.Input<string>;
  /** group source id -> its SCIM id and its members (`user:a@b.c` -> member id). */
  groups: Record<string, { groupId: pulumi.Input<string>; members: Record<string, pulumi.Input<string>> }>;
  prune: boolean;
}

/** Members of batched groups, one entry per group. */
export class MembershipBatch extends pulumi.dynamic.Resource {
  declare readonly groups: pulumi.Output<
    Record<string, { groupId: string; members: Record<string, string> }>
  >;
  constructor(name: string, args: MembershipBatchArgs, opts?: pulumi.CustomResourceOptions) {
    super(membershipBatchProvider, name, { ...args }, opts, "databricks-dr", "MembershipBatch");
  }
}

export interface AclBatchArgs {
  host: pulumi.Input<string>;
  objectType: string;
  /** permissions source id (`jobs:<primary job id>`) -> the object's secondary id and its ACL line. */
  objects: Record<string, { id: pulumi.Input<string>; acl: string }>;
  snapshotRoot: string;
}

/** ACLs of many objects of one type, above the per-object threshold. */
export class AclBatch extends pulumi.dynamic.Resource {
  declare readonly objects: pulumi.Output<AclBatchInputs["objects"]>;
  constructor(name: string, args: AclBatchArgs, opts?: pulumi.CustomResourceOptions) {
    super(aclBatchProvider, name, { ...args }, opts, "databricks-dr", "AclBatch");
  }
}

const jobBatchProvider = lazyProvider(require.resolve("./job-batch-impl"), "jobBatchImpl");

export interface JobBatchArgs {
  host: pulumi.Input<string>;
  batch: string;
  /** source id (the primary job id) -> settings. */
  jobs: Record<string, pulumi.Input<Record<string, unknown>>>;
  order: string[];
  prune: boolean;
  snapshotRoot: string;
}

/**
 * Every job: hashed batches above the per-object threshold, one per run_job-connected component at or below
 * it; `ids` maps source id -> job_id.
 */
export class JobBatch extends pulumi.dynamic.Resource {
  declare readonly jobs: pulumi.Output<Record<string, Record<string, unknown>>>;
  declare readonly ids: pulumi.Output<Record<string, string>>;
  constructor(name: string, args: JobBatchArgs, opts?: pulumi.CustomResourceOptions) {
    super(jobBatchProvider, name, { ...args, ids: undefined }, opts, "databricks-dr", "JobBatch");
  }
}

const ledgerProvider = lazyProvider(require.resolve("./prune-ledger-impl"), "pruneLedgerImpl");

export interface PruneLedgerArgs {
  host: pulumi.Input<string>;
  kind: LedgerKind;
  held: pulumi.Input<Record<string, pulumi.Input<string>>>;
  prune: boolean;
  snapshotRoot: string;
}

/** What one kind's per-object resources hold; deletes, with prune, what left the snapshot. */
export class PruneLedger extends pulumi.dynamic.Resource {
  declare readonly held: pulumi.Output<Record<string, string>>;
  constructor(name: string, args: PruneLedgerArgs, opts?: pulumi.CustomResourceOptions) {
    super(ledgerProvider, name, { ...args }, opts, "databricks-dr", "PruneLedger");
  }
}

const scopeCreatorAclProvider = lazyProvider(
  require.resolve("./scope-creator-acl-impl"),
  "scopeCreatorAclImpl",
);

export interface ScopeCreatorAclArgs {
  host: pulumi.Input<string>;
  scope: pulumi.Input<string>;
  granted: string[];
}

/** Removes the MANAGE Databricks gives the scope's creator, unless the primary's ACLs grant it. */
export class ScopeCreatorAcl extends pulumi.dynamic.Resource {
  constructor(name: string, args: ScopeCreatorAclArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      scopeCreatorAclProvider,
      name,
      { ...args, removed: undefined },
      opts,
      "databricks-dr",
      "ScopeCreatorAcl",
    );
  }
}
