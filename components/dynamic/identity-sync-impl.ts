import type { DatabricksClient } from "../../client";
import type { KindName } from "../../kinds/common";
import { connect, isNotFound, mapLimit } from "./connect";
import { diffResult, memberDiff, withoutProvider } from "./member-diff";
import type { DynamicImpl } from "./shell";
import { leftSnapshot } from "./snapshot-oracle";
import { deployingUserId } from "./prune-ledger-impl";
import { groupListing, upsertGroup } from "./group-adoption";

const SCIM = "/api/2.0/preview/scim/v2";
const PATCH_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

/** Settings of one user or group in a batch (the map's key is its SOURCE id, the descriptor's id). */
export interface PrincipalSpec {
  /** userName of a user (how it is found), displayName of a group (found by its externalId marker). */
  name: string;
  /** A user's display name (a group's is `name`). */
  displayName?: string;
  active?: boolean;
  externalId?: string;
  entitlements: string[];
}

/** A batch of users or groups (used above the per-object threshold): source id -> settings. */
export interface ScimBatchInputs {
  host: string;
  batch: string;
  principals: Record<string, PrincipalSpec>;
  prune: boolean;
  /** The snapshot on disk when the provider runs: a principal is deleted only once it left it. Not diffed. */
  snapshotRoot?: string;
}
export interface ScimBatchOutputs extends ScimBatchInputs {
  /** source id -> SCIM id in the secondary: what group membership and ACL batches name. */
  ids: Record<string, string>;
}

interface ScimType {
  resource: "Users" | "Groups";
  schema: string;
  /** The attribute that names the principal the same way in every workspace. */
  key: "userName" | "displayName";
  /** The descriptor kind (what the snapshot calls its members). */
  kind: KindName;
}
const USERS: ScimType = {
  resource: "Users",
  schema: "urn:ietf:params:scim:schemas:core:2.0:User",
  key: "userName",
  kind: "user",
};
const GROUPS: ScimType = {
  resource: "Groups",
  schema: "urn:ietf:params:scim:schemas:core:2.0:Group",
  key: "displayName",
  kind: "group",
};

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function isConflict(e: unknown): boolean {
  const err = e as { status?: number; errorCode?: string };
  return err?.status === 409 || err?.errorCode === "RESOURCE_ALREADY_EXISTS";
}

function attributes(t: ScimType, spec: PrincipalSpec): Record<string, unknown> {
  const attrs: Record<string, unknown> = {};
  // A group's name is its displayName: a renamed group keeps its SCIM id and gets the new name.
  if (t.key === "displayName") attrs.displayName = spec.name;
  else if (spec.displayName !== undefined) attrs.displayName = spec.displayName;
  if (spec.active !== undefined) attrs.active = spec.active;
  if (spec.externalId !== undefined) attrs.externalId = spec.externalId;
  return attrs;
}

async function patchPrincipal(
  client: DatabricksClient,
  t: ScimType,
  id: string,
  spec: PrincipalSpec,
): Promise<void> {
  const attrs = attributes(t, spec);
  await client.patch(`${SCIM}/${t.resource}/${id}`, {
    schemas: [PATCH_SCHEMA],
    Operations: [
      ...(Object.keys(attrs).length ? [{ op: "replace", value: attrs }] : []),
      { op: "replace", path: "entitlements", value: spec.entitlements.map((value) => ({ value })) },
    ],
  });
}

/** Creates the user, or adopts and updates it when it exists already (its userName is who it is); its SCIM id. */
export async function upsertPrincipal(
  client: DatabricksClient,
  t: ScimType,
  spec: PrincipalSpec,
): Promise<string> {
  const key = spec.name;
  try {
    const created = await client.post<{ id: string }>(`${SCIM}/${t.resource}`, {
      schemas: [t.schema],
      ...attributes(t, spec),
      [t.key]: key,
      entitlements: spec.entitlements.map((value) => ({ value })),
    });
    return created.id;
  } catch (e) {
    if (!isConflict(e)) throw e;
  }
  const found = await client.get<{ Resources?: { id: string }[] }>(`${SCIM}/${t.resource}`, {
    filter: `${t.key} eq "${key.replace(/"/g, '\\"')}"`,
  });
  const id = found.Resources?.[0]?.id;
  if (!id) throw new Error(`${t.key} ${key} exists (409) but cannot be found by ${t.key}`);
  await patchPrincipal(client, t, id, spec);
  return id;
}

async function deletePrincipal(client: DatabricksClient, t: ScimType, id: string): Promise<void> {
  // The principal the stack runs as stays, whatever the snapshot says (it would lock the stack out).
  if (t.resource === "Users" && id === (await deployingUserId(client))) return;
  try {
    await client.delete(`${SCIM}/${t.resource}/${id}`);
  } catch (e) {
    if (!isNotFound(e)) throw e;
  }
}

function sortKeys(o: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : 1)));
}

function scimBatchImpl(t: ScimType): DynamicImpl {
  /**
   * A member keeps the SCIM id it had (patched when its settings or a group's name changed); one new to
   * this batch (moved here, or a lost state) is created or adopted by its name. A member that left the
   * batch is deleted only with prune and once its source id left the snapshot: otherwise another
   * resource of the stack holds it now, whatever order Pulumi runs them in.
   */
  async function sync(olds: ScimBatchOutputs | undefined, news: ScimBatchInputs) {
    const client = connect(news.host);
    const ids: Record<string, string> = {};
    const root = news.snapshotRoot ?? olds?.snapshotRoot;
    // Groups are found by their marker (never by name alone): see group-adoption.ts.
    const groups = groupListing(client);
    const upsert = (spec: PrincipalSpec) =>
      t.kind === "group"
        ? upsertGroup(client, spec, {
            held: new Set(Object.values(olds?.ids ?? {})),
            leftSnapshot: (src) => leftSnapshot(root, "group", [src]).length === 1,
            patch: (id) => patchPrincipal(client, t, id, spec),
            groups,
          })
        : upsertPrincipal(client, t, spec);
    await mapLimit(Object.keys(news.principals).sort(), 16, async (k) => {
      const oldId = olds?.ids?.[k];
      const spec = news.principals[k];
      if (oldId && same(olds!.principals[k], spec)) ids[k] = oldId;
      else if (oldId) {
        // A renamed group: the same SCIM id, its displayName patched (members stay).
        try {
          await patchPrincipal(client, t, oldId, spec);
          ids[k] = oldId;
        } catch (e) {
          if (!isNotFound(e)) throw e;
          ids[k] = await upsert(spec);
        }
      } else ids[k] = await upsert(spec);
    });
    // A member whose key changed (state written before groups were keyed by SCIM id) but whose principal
    // this batch still holds under its new key is not deleted.
    const kept = new Set(Object.values(ids));
    const removed = Object.keys(olds?.ids ?? {}).filter(
      (k) => !(k in news.principals) && !kept.has(olds!.ids[k]),
    );
    if (news.prune)
      await mapLimit(leftSnapshot(root, t.kind, removed), 16, (k) =>
        deletePrincipal(client, t, olds!.ids[k]),
      );
    return sortKeys(ids);
  }
  return {
    async diff(_id, olds: ScimBatchOutputs, news: ScimBatchInputs) {
      if (olds.host !== news.host) return { changes: true, replaces: ["host"] };
      return diffResult(memberDiff("principals", olds.principals, news.principals), {
        prune: olds.prune !== news.prune,
      });
    },
    async create(inputs: ScimBatchInputs) {
      const ids = await sync(undefined, inputs);
      return { id: `${t.resource.toLowerCase()}:${inputs.batch}`, outs: { ...withoutProvider(inputs), ids } };
    },
    async update(_id, olds: ScimBatchOutputs, news: ScimBatchInputs) {
      return { outs: { ...withoutProvider(news), ids: await sync(olds, news) } };
    },
    /** The batch left the program (run last): only members gone from the snapshot go, with prune. */
    async delete(_id, props: ScimBatchOutputs) {
      if (!props.prune) return;
      const client = connect(props.host);
      const gone = leftSnapshot(props.snapshotRoot, t.kind, Object.keys(props.ids ?? {}));
      await mapLimit(gone, 16, (k) => deletePrincipal(client, t, props.ids[k]));
    },
  };
}

export const userBatchImpl = scimBatchImpl(USERS);
export const groupBatchImpl = scimBatchImpl(GROUPS);

/** One group's direct members: label (`user:a@b.c`) -> SCIM id of the member in the secondary. */
export interface GroupMembersInputs {
  host: string;
  groupId: string;
  members: Record<string, string>;
  prune: boolean;
}

async function patchMembers(client: DatabricksClient, groupId: string, add: string[], remove: string[]) {
  const ops: Record<string, unknown>[] = [];
  if (add.length) ops.push({ op: "add", path: "members", value: add.map((value) => ({ value })) });
  for (const id of remove) ops.push({ op: "remove", path: `members[value eq "${id}"]` });
  if (ops.length)
    await client.patch(`${SCIM}/Groups/${groupId}`, { schemas: [PATCH_SCHEMA], Operations: ops });
}

export const groupMembersImpl: DynamicImpl = {
  async diff(_id, olds: GroupMembersInputs, news: GroupMembersInputs) {
    if (olds.host !== news.host || olds.groupId !== news.groupId)
      return { changes: true, replaces: olds.host !== news.host ? ["host"] : ["groupId"] };
    return diffResult(memberDiff("members", olds.members, news.members), {
      prune: olds.prune !== news.prune,
    });
  },
  async create(inputs: GroupMembersInputs) {
    await patchMembers(connect(inputs.host), inputs.groupId, [...new Set(Object.values(inputs.members))], []);
    return { id: `members:${inputs.groupId}`, outs: withoutProvider(inputs) };
  },
  async update(_id, olds: GroupMembersInputs, news: GroupMembersInputs) {
    const oldIds = new Set(Object.values(olds.members));
    const newIds = new Set(Object.values(news.members));
    // Membership mirrors the primary: a member removed there loses the group here too.
    await patchMembers(
      connect(news.host),
      news.groupId,
      [...newIds].filter((i) => !oldIds.has(i)),
      [...oldIds].filter((i) => !newIds.has(i)),
    );
    return { outs: withoutProvider(news) };
  },
  /**
   * Nothing: the group left this resource because it moved to a membership batch (which holds its members
   * now) or left the snapshot (and goes itself with prune). Removing the members here would undo the batch.
   */
  async delete() {},
};

/**
 * Memberships of many groups (used when groups are batched): still held per group, one entry each,
 * group source id -> its SCIM id and its members, so a preview names the group whose members changed.
 */
export interface MembershipBatchInputs {
  host: string;
  groups: Record<string, { groupId: string; members: Record<string, string> }>;
  prune: boolean;
}

async function syncMembership(
  client: DatabricksClient,
  olds: MembershipBatchInputs["groups"],
  news: MembershipBatchInputs["groups"],
): Promise<void> {
  await mapLimit(Object.keys(news).sort(), 8, async (g) => {
    const before =
      olds[g]?.groupId === news[g].groupId ? new Set(Object.values(olds[g].members)) : new Set<string>();
    const after = new Set(Object.values(news[g].members));
    await patchMembers(
      client,
      news[g].groupId,
      [...after].filter((i) => !before.has(i)),
      [...before].filter((i) => !after.has(i)),
    );
  });
  // A group gone from the batch moved to another resource (which holds its members now) or left the
  // snapshot (and is deleted itself with prune): its members are left alone either way.
}

export const membershipBatchImpl: DynamicImpl = {
  async diff(_id, olds: MembershipBatchInputs, news: MembershipBatchInputs) {
    if (olds.host !== news.host) return { changes: true, replaces: ["host"] };
    return diffResult(memberDiff("groups", olds.groups, news.groups), { prune: olds.prune !== news.prune });
  },
  async create(inputs: MembershipBatchInputs) {
    await syncMembership(connect(inputs.host), {}, inputs.groups);
    return { id: `memberships:${Object.keys(inputs.groups)[0] ?? "empty"}`, outs: withoutProvider(inputs) };
  },
  async update(_id, olds: MembershipBatchInputs, news: MembershipBatchInputs) {
    await syncMembership(connect(news.host), olds.groups, news.groups);
    return { outs: withoutProvider(news) };
  },
  /** Nothing: its groups moved to other resources, or left the snapshot (see syncMembership). */
  async delete() {},
};
