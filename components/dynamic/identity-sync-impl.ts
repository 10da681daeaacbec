import type { DatabricksClient } from "../../client";
import { connect, isNotFound, mapLimit } from "./connect";
import type { DynamicImpl } from "./shell";

const SCIM = "/api/2.0/preview/scim/v2";
const PATCH_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

/** Settings of one user or group in a batch (the key, userName or displayName, is the map's key). */
export interface PrincipalSpec {
  displayName?: string;
  active?: boolean;
  externalId?: string;
  entitlements: string[];
}

/** A batch of users or groups (used above the per-object threshold): key -> settings. */
export interface ScimBatchInputs {
  host: string;
  batch: string;
  principals: Record<string, PrincipalSpec>;
  prune: boolean;
}
export interface ScimBatchOutputs extends ScimBatchInputs {
  /** key -> SCIM id in the secondary: what group membership and ACL batches name. */
  ids: Record<string, string>;
}

interface ScimType {
  resource: "Users" | "Groups";
  schema: string;
  /** The attribute that names the principal the same way in every workspace. */
  key: "userName" | "displayName";
}
const USERS: ScimType = {
  resource: "Users",
  schema: "urn:ietf:params:scim:schemas:core:2.0:User",
  key: "userName",
};
const GROUPS: ScimType = {
  resource: "Groups",
  schema: "urn:ietf:params:scim:schemas:core:2.0:Group",
  key: "displayName",
};

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function withoutProvider<T extends object>(props: T): T {
  const { __provider: _p, ...rest } = props as T & { __provider?: unknown };
  return rest as T;
}

function isConflict(e: unknown): boolean {
  const err = e as { status?: number; errorCode?: string };
  return err?.status === 409 || err?.errorCode === "RESOURCE_ALREADY_EXISTS";
}

function attributes(t: ScimType, spec: PrincipalSpec): Record<string, unknown> {
  const attrs: Record<string, unknown> = {};
  if (spec.displayName !== undefined && t.key !== "displayName") attrs.displayName = spec.displayName;
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

/** Creates the user or group, or adopts and updates it when it exists already; returns its SCIM id. */
export async function upsertPrincipal(
  client: DatabricksClient,
  t: ScimType,
  key: string,
  spec: PrincipalSpec,
): Promise<string> {
  try {
    const created = await client.post<{ id: string }>(`${SCIM}/${t.resource}`, {
      schemas: [t.schema],
      [t.key]: key,
      ...attributes(t, spec),
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
  return {
    async diff(_id, olds: ScimBatchOutputs, news: ScimBatchInputs) {
      if (olds.host !== news.host) return { changes: true, replaces: ["host"] };
      return { changes: !same(olds.principals, news.principals) || olds.prune !== news.prune };
    },
    async create(inputs: ScimBatchInputs) {
      const client = connect(inputs.host);
      const ids: Record<string, string> = {};
      await mapLimit(Object.keys(inputs.principals).sort(), 16, async (k) => {
        ids[k] = await upsertPrincipal(client, t, k, inputs.principals[k]);
      });
      return {
        id: `${t.resource.toLowerCase()}:${inputs.batch}`,
        outs: { ...withoutProvider(inputs), ids: sortKeys(ids) },
      };
    },
    async update(_id, olds: ScimBatchOutputs, news: ScimBatchInputs) {
      const client = connect(news.host);
      const ids: Record<string, string> = {};
      await mapLimit(Object.keys(news.principals).sort(), 16, async (k) => {
        const oldId = olds.ids?.[k];
        const spec = news.principals[k];
        if (oldId && same(olds.principals[k], spec)) ids[k] = oldId;
        else if (oldId) {
          try {
            await patchPrincipal(client, t, oldId, spec);
            ids[k] = oldId;
          } catch (e) {
            if (!isNotFound(e)) throw e;
            ids[k] = await upsertPrincipal(client, t, k, spec);
          }
        } else ids[k] = await upsertPrincipal(client, t, k, spec);
      });
      const removed = Object.keys(olds.principals).filter((k) => !(k in news.principals));
      if (news.prune)
        await mapLimit(removed, 16, (k) =>
          olds.ids?.[k] ? deletePrincipal(client, t, olds.ids[k]) : Promise.resolve(),
        );
      return { outs: { ...withoutProvider(news), ids: sortKeys(ids) } };
    },
    async delete(_id, props: ScimBatchOutputs) {
      if (!props.prune) return;
      const client = connect(props.host);
      await mapLimit(Object.values(props.ids ?? {}), 16, (id) => deletePrincipal(client, t, id));
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
    return { changes: !same(olds.members, news.members) || olds.prune !== news.prune };
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
  async delete(_id, props: GroupMembersInputs) {
    if (!props.prune) return;
    try {
      await patchMembers(connect(props.host), props.groupId, [], [...new Set(Object.values(props.members))]);
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
  },
};

/**
 * Memberships of many groups (used when groups are batched): still held per group, one entry each,
 * group name -> its id and its members, so a preview names the group whose members changed.
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
  prune: boolean,
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
  if (!prune) return;
  // A group gone from the batch: its managed members go (the group itself is deleted by its own batch).
  await mapLimit(
    Object.keys(olds).filter((g) => !news[g]),
    8,
    async (g) => {
      try {
        await patchMembers(client, olds[g].groupId, [], [...new Set(Object.values(olds[g].members))]);
      } catch (e) {
        if (!isNotFound(e)) throw e;
      }
    },
  );
}

export const membershipBatchImpl: DynamicImpl = {
  async diff(_id, olds: MembershipBatchInputs, news: MembershipBatchInputs) {
    if (olds.host !== news.host) return { changes: true, replaces: ["host"] };
    return { changes: !same(olds.groups, news.groups) || olds.prune !== news.prune };
  },
  async create(inputs: MembershipBatchInputs) {
    await syncMembership(connect(inputs.host), {}, inputs.groups, false);
    return { id: `memberships:${Object.keys(inputs.groups)[0] ?? "empty"}`, outs: withoutProvider(inputs) };
  },
  async update(_id, olds: MembershipBatchInputs, news: MembershipBatchInputs) {
    await syncMembership(connect(news.host), olds.groups, news.groups, news.prune);
    return { outs: withoutProvider(news) };
  },
  async delete(_id, props: MembershipBatchInputs) {
    if (props.prune) await syncMembership(connect(props.host), props.groups, {}, true);
  },
};
