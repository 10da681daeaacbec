/**
 * Readable preview: each batch resource's diff names exactly the members that change, keyed by member
 * (`<field>["<source id>"]`), and nothing for where the snapshot is.
 */
import { aclBatchImpl } from "../../../components/dynamic/acl-batch-impl";
import {
  groupMembersImpl,
  membershipBatchImpl,
  userBatchImpl,
} from "../../../components/dynamic/identity-sync-impl";
import { pruneLedgerImpl } from "../../../components/dynamic/prune-ledger-impl";
import { treeSyncImpl } from "../../../components/dynamic/tree-sync-impl";

const keys = async (p: Promise<unknown>) =>
  Object.keys(((await p) as { detailedDiff: Record<string, { kind: string }> }).detailedDiff).sort();
const kinds = async (p: Promise<unknown>) =>
  Object.fromEntries(
    Object.entries(((await p) as { detailedDiff: Record<string, { kind: string }> }).detailedDiff).map(
      ([k, v]) => [k, v.kind],
    ),
  );

const host = "https://adb-1.1.azuredatabricks.net";

it("ACL batch: the ACLs added, changed and removed", async () => {
  const olds = {
    host,
    objectType: "jobs",
    objects: {
      "jobs:1": { id: "11", acl: "a" },
      "jobs:2": { id: "12", acl: "b" },
      "jobs:3": { id: "13", acl: "c" },
    },
  };
  const news = {
    ...olds,
    snapshotRoot: "/moved",
    objects: {
      "jobs:1": { id: "11", acl: "a" },
      "jobs:2": { id: "12", acl: "B" },
      "jobs:4": { id: "14", acl: "d" },
    },
  };
  expect(await kinds(aclBatchImpl.diff("x", olds, news))).toEqual({
    'objects["jobs:2"]': "update",
    'objects["jobs:3"]': "delete",
    'objects["jobs:4"]': "add",
  });
  expect((await aclBatchImpl.diff("x", olds, { ...olds, snapshotRoot: "/else" })).changes).toBe(false);
});

it("user batch, memberships, group members, ledger: the members that change", async () => {
  const spec = (name: string, displayName?: string) => ({ name, displayName, entitlements: [] });
  const users = { host, batch: "0-of-1", prune: false, principals: { u1: spec("a"), u2: spec("b") } };
  expect(
    await keys(
      userBatchImpl.diff(
        "x",
        { ...users, ids: {} },
        { ...users, principals: { u1: spec("a", "A"), u2: spec("b") } },
      ),
    ),
  ).toEqual(['principals["u1"]']);
  const groups = { host, prune: false, groups: { g1: { groupId: "1", members: { "user:a": "9" } } } };
  expect(
    await keys(
      membershipBatchImpl.diff("x", groups, {
        ...groups,
        groups: { g1: groups.groups.g1, g2: groups.groups.g1 },
      }),
    ),
  ).toEqual(['groups["g2"]']);
  const members = { host, groupId: "1", prune: false, members: { "user:a": "9", "user:b": "8" } };
  expect(await keys(groupMembersImpl.diff("x", members, { ...members, members: { "user:a": "9" } }))).toEqual(
    ['members["user:b"]'],
  );
  const ledger = { host, kind: "job" as const, prune: true, held: { "1": "11" } };
  expect(await kinds(pruneLedgerImpl.diff("x", ledger, { ...ledger, held: { "2": "12" } }))).toEqual({
    'held["1"]': "delete",
    'held["2"]': "add",
  });
});

it("folder-tree sync: the paths and ACLs that change", async () => {
  const olds = {
    host,
    snapshotRoot: "/a",
    unit: "/x",
    prune: false,
    objects: { "/x": "DIRECTORY", "/x/nb": "NOTEBOOK PYTHON 00 f" },
    acls: { "/x/nb": "user:a=CAN_RUN" },
  };
  const news = {
    ...olds,
    snapshotRoot: "/b",
    objects: { "/x": "DIRECTORY", "/x/nb": "NOTEBOOK PYTHON 11 f" },
    acls: {},
  };
  expect(await kinds(treeSyncImpl.diff("x", olds, news))).toEqual({
    'objects["/x/nb"]': "update",
    'acls["/x/nb"]': "delete",
  });
});
