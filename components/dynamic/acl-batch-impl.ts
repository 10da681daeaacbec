import { aclEntryBody, parseAclString } from "../mapping/permissions";
import { connect, isNotFound, mapLimit } from "./connect";
import type { DynamicImpl } from "./shell";

/**
 * ACLs of many objects of one permission type (jobs, clusters...) as one resource, above the per-object
 * threshold: label (the object's name) -> its id in the secondary and its ACL line.
 */
export interface AclBatchInputs {
  host: string;
  /** The permissions API segment: jobs, clusters, sql/warehouses... */
  objectType: string;
  objects: Record<string, { id: string; acl: string }>;
}

function withoutProvider<T extends object>(props: T): T {
  const { __provider: _p, ...rest } = props as T & { __provider?: unknown };
  return rest as T;
}

/** Labels whose object or ACL differ (pure). */
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
  // An ACL gone from the snapshot: the object keeps only what it inherits. A deleted object: nothing to do.
  await mapLimit(reset, 16, async (l) => {
    try {
      await client.put(`/api/2.0/permissions/${news.objectType}/${olds.objects![l].id}`, {
        access_control_list: [],
      });
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
  });
}

export const aclBatchImpl: DynamicImpl = {
  async diff(_id, olds: AclBatchInputs, news: AclBatchInputs) {
    if (olds.host !== news.host || olds.objectType !== news.objectType)
      return { changes: true, replaces: ["host"] };
    const { put, reset } = aclBatchChanges(olds, news);
    return { changes: put.length + reset.length > 0 };
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
    // The objects keep their grants: removing access is not what dropping a batch means.
  },
};
