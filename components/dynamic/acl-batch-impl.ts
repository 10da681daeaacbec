import { aclEntryBody, parseAclString } from "../../kinds/permissions/mapping";
import { connect, isNotFound, mapLimit } from "./connect";
import { diffResult, memberDiff, withoutProvider } from "./member-diff";
import type { DynamicImpl } from "./shell";
import { leftSnapshot } from "./snapshot-oracle";

/**
 * ACLs of many objects of one permission type (jobs, clusters...) as one resource, above the per-object
 * threshold, keyed by the permissions descriptor's SOURCE id (`jobs:<primary job id>`): -> the object's id
 * in the secondary and its ACL line. A renamed object keeps its key, so its ACL is rewritten, never reset.
 */
export interface AclBatchInputs {
  host: string;
  /** The permissions API segment: jobs, clusters, sql/warehouses... */
  objectType: string;
  objects: Record<string, { id: string; acl: string }>;
  /** The snapshot on disk when the provider runs: an ACL is reset only once it left it. Not diffed. */
  snapshotRoot?: string;
}

/** Members whose object or ACL differ, and members gone from the batch (pure). */
export function aclBatchChanges(
  olds: Partial<AclBatchInputs>,
  news: AclBatchInputs,
): { put: string[]; reset: string[] } {
  const o = olds.objects ?? {};
  const put = Object.keys(news.objects).filter(
    (l) => !o[l] || o[l].id !== news.objects[l].id || o[l].acl !== news.objects[l].acl,
  );
  const reset = Object.keys(o).filter((l) => !news.objects[l]);
  return { put: put.sort(), reset: reset.sort() };
}

async function sync(olds: Partial<AclBatchInputs>, news: AclBatchInputs): Promise<void> {
  const client = connect(news.host);
  const { put, reset } = aclBatchChanges(olds, news);
  await mapLimit(put, 16, async (l) => {
    const { id, acl } = news.objects[l];
    await client.put(`/api/2.0/permissions/${news.objectType}/${id}`, {
      access_control_list: parseAclString(acl).map(aclEntryBody),
    });
  });
  // A member gone from the batch may be another resource's now (another batch, a Permissions resource):
  // its object keeps its grants. Only an ACL gone from the snapshot resets to what the object inherits
  // (a deleted object: nothing to do).
  const gone = leftSnapshot(news.snapshotRoot ?? olds.snapshotRoot, "permissions", reset);
  const stillNamed = new Set(Object.values(news.objects).map((o) => o.id));
  await mapLimit(
    gone.filter((l) => !stillNamed.has(olds.objects![l].id)),
    16,
    async (l) => {
      try {
        await client.put(`/api/2.0/permissions/${news.objectType}/${olds.objects![l].id}`, {
          access_control_list: [],
        });
      } catch (e) {
        if (!isNotFound(e)) throw e;
      }
    },
  );
}

export const aclBatchImpl: DynamicImpl = {
  async diff(_id, olds: AclBatchInputs, news: AclBatchInputs) {
    if (olds.host !== news.host || olds.objectType !== news.objectType)
      return { changes: true, replaces: ["host"] };
    return diffResult(memberDiff("objects", olds.objects, news.objects));
  },
  async create(inputs: AclBatchInputs) {
    await sync({}, inputs);
    return {
      id: `acls:${inputs.objectType}:${Object.keys(inputs.objects)[0] ?? "empty"}`,
      outs: withoutProvider(inputs),
    };
  },
  async update(_id, olds: AclBatchInputs, news: AclBatchInputs) {
    await sync(olds, news);
    return { outs: withoutProvider(news) };
  },
  async delete() {
    // The objects keep their grants: removing access is not what dropping a batch means (its members
    // moved to other resources, or their objects left with the snapshot).
  },
};
