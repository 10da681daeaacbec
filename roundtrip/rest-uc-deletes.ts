/**
 * The provider's Delete of the Unity Catalog resources, from the OLD state's id and inputs: securables by
 * name (`?force=true` when the resource had `forceDestroy`, which deletes their children too), grants put
 * back to none (the provider's Delete replaces them with an empty list), the assignment and bindings
 * removed. A table's DROP TABLE is the tables API's DELETE here (see rest-uc.ts).
 */
import type { Inputs } from "./api-body";
import type { RestDelete } from "./rest-deletes";
import { DEFAULT_NAMESPACE, freshEtag, replaceGrants, UC, UC_TYPES } from "./rest-uc";

const enc = (name: string) => name.split(".").map(encodeURIComponent).join(".");
const force = (i: Inputs) => (i.forceDestroy === true ? "?force=true" : "");
const byName =
  (path: string): RestDelete =>
  (c, id, i) =>
    c.delete(`${UC}/${path}/${enc(id)}${force(i)}`);

const unbind =
  (defaultType: string): RestDelete =>
  (c, _id, i) =>
    c.patch(`${UC}/bindings/${String(i.securableType ?? defaultType)}/${enc(String(i.securableName))}`, {
      remove: [
        { workspace_id: Number(i.workspaceId), binding_type: i.bindingType ?? "BINDING_TYPE_READ_WRITE" },
      ],
    });

export const UC_DELETES: Readonly<Record<string, RestDelete>> = {
  [UC_TYPES.catalog]: byName("catalogs"),
  [UC_TYPES.schema]: byName("schemas"),
  [UC_TYPES.volume]: (c, id) => c.delete(`${UC}/volumes/${enc(id)}`),
  [UC_TYPES.table]: (c, id) => c.delete(`${UC}/tables/${enc(id)}`),
  [UC_TYPES.credential]: byName("storage-credentials"),
  [UC_TYPES.location]: byName("external-locations"),
  [UC_TYPES.grants]: (c, id) => {
    const at = id.indexOf("/");
    return replaceGrants(c, id.slice(0, at), id.slice(at + 1), []);
  },
  [UC_TYPES.assignment]: (c, _id, i) =>
    c.delete(
      `${UC}/workspaces/${String(i.workspaceId)}/metastore?metastore_id=${encodeURIComponent(String(i.metastoreId))}`,
    ),
  // The setting is deleted with the etag the refusal of a stale one carries (the provider's retry).
  [UC_TYPES.defaultNamespace]: async (c) => {
    try {
      await c.delete(`${DEFAULT_NAMESPACE}?etag=`);
    } catch (e) {
      const fresh = freshEtag(e);
      if (!fresh) throw e;
      await c.delete(`${DEFAULT_NAMESPACE}?etag=${encodeURIComponent(fresh)}`);
    }
  },
  [UC_TYPES.catalogBinding]: unbind("catalog"),
  [UC_TYPES.binding]: unbind("catalog"),
};
