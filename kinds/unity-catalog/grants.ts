import { z } from "zod";

/**
 * What every Unity Catalog securable's descriptor carries besides its own fields: its owner and the grants
 * made directly on it (`GET /api/2.1/unity-catalog/permissions/{securable_type}/{full_name}`, which leaves out
 * inherited ones). A principal is the string the API names it by: a user's email, a group's name or a
 * service principal's application id; the same account-level principals exist in both regions' workspaces.
 */
export const ucPrivilege = z
  .string()
  .regex(/^[A-Z][A-Z0-9_]*$/, "expected a Unity Catalog privilege such as SELECT or USE_CATALOG");

export const ucGrant = z.object({
  principal: z.string().min(1),
  /** Sorted, each once. */
  privileges: z.array(ucPrivilege).min(1),
});
export type UcGrant = z.infer<typeof ucGrant>;

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Grants sorted by principal, privileges sorted within: the same grants always give the same descriptor. */
export const ucGrants = z.array(ucGrant).superRefine((grants, ctx) => {
  grants.forEach((g, i) => {
    if (i > 0 && cmp(grants[i - 1].principal, g.principal) >= 0)
      ctx.addIssue({
        code: "custom",
        path: [i, "principal"],
        message: "grants must be sorted by principal, each principal once",
      });
    g.privileges.forEach((p, j) => {
      if (j > 0 && cmp(g.privileges[j - 1], p) >= 0)
        ctx.addIssue({
          code: "custom",
          path: [i, "privileges", j],
          message: "privileges must be sorted, each once",
        });
    });
  });
});

/** Fields every securable descriptor has. `owner` is absent only when the API did not name one. */
export const securableBase = {
  owner: z.string().min(1).optional(),
  comment: z.string().optional(),
  grants: ucGrants,
};

/** A string map as the API returns `properties` and `options`. */
export const stringMap = z.record(z.string(), z.string());

/** ISOLATED securables are reachable only from the workspaces bound to them. */
export const isolationMode = z.enum(["OPEN", "ISOLATED", "ISOLATION_MODE_OPEN", "ISOLATION_MODE_ISOLATED"]);

/**
 * A workspace a securable is bound to (`GET /api/2.1/unity-catalog/bindings/{type}/{name}`): the PRIMARY's
 * workspace ids; the stack binds the secondary's own workspace in place of the primary's.
 */
export const workspaceBinding = z.object({
  workspaceId: z.string().regex(/^\d+$/, "expected a numeric workspace id"),
  bindingType: z.enum(["BINDING_TYPE_READ_WRITE", "BINDING_TYPE_READ_ONLY"]),
});
export type WorkspaceBinding = z.infer<typeof workspaceBinding>;

/** Storage URLs Unity Catalog takes on Azure (abfss://container@account.dfs.core.windows.net/path), or others. */
export const storageUrl = z
  .string()
  .min(1)
  .refine(
    (u) => /^[a-z][a-z0-9+.-]*:\/\//i.test(u),
    "expected a storage URL such as abfss://c@a.dfs.core.windows.net/p",
  );
