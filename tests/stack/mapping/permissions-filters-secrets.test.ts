import { aclEntryBody, aclString, parseAclString, permissionsArgs } from "../../../kinds/permissions/mapping";
import { excludedBy } from "../../../components/mapping/filters";
import {
  secretAclPrincipalKind,
  secretScopeArgs,
  secretValuesFor,
} from "../../../kinds/secret-scope/mapping";
import { mountArgs } from "../../../components/mapping/mounts";
import { entitlementArgs } from "../../../components/mapping/identities";
import { userArgs } from "../../../kinds/user/mapping";
import { Resolver } from "../../../components/mapping/refs";
import { SecretValue } from "../../../components/config/secret-value";

const resolve: Resolver = (ref) =>
  ref.id.startsWith("gone") ? { missing: "not in Entra ID" } : { value: `sec(${ref.id})` };

describe("permissions", () => {
  const acl = [
    { principal: { kind: "user" as const, id: "a@b.c" }, level: "CAN_MANAGE" },
    { principal: { kind: "group" as const, id: "data=eng;x" }, level: "CAN_RUN" },
    { principal: { kind: "service-principal" as const, id: "app" }, level: "CAN_VIEW" },
  ];

  it("writes an ACL as one readable, order-independent line and reads it back", () => {
    const line = aclString(acl);
    expect(line).toBe("group:data=eng%3Bx=CAN_RUN;service-principal:app=CAN_VIEW;user:a@b.c=CAN_MANAGE");
    expect(aclString([...acl].reverse())).toBe(line);
    expect(parseAclString(line)).toEqual([acl[1], acl[2], acl[0]]);
    expect(parseAclString("")).toEqual([]);
    expect(aclEntryBody(acl[2])).toEqual({ service_principal_name: "app", permission_level: "CAN_VIEW" });
  });

  it("maps each object type to its provider field and principals to their names", () => {
    const m = permissionsArgs({ id: "jobs:1", objectType: "jobs", objectId: "1", acl }, resolve);
    expect(m.ok && m.args).toEqual({
      jobId: "sec(1)",
      accessControls: [
        { userName: "sec(a@b.c)", permissionLevel: "CAN_MANAGE" },
        { groupName: "sec(data=eng;x)", permissionLevel: "CAN_RUN" },
        { servicePrincipalName: "sec(app)", permissionLevel: "CAN_VIEW" },
      ],
    });
    const tokens = permissionsArgs(
      { id: "t", objectType: "authorization/tokens", objectId: "tokens", acl },
      resolve,
    );
    expect(tokens.ok && tokens.args.authorization).toBe("tokens");
    const nb = permissionsArgs({ id: "n", objectType: "notebooks", objectId: "/Shared/nb", acl }, resolve);
    expect(nb.ok && nb.args.notebookPath).toBe("sec(/Shared/nb)");
  });

  it("drops grants to missing principals with a note, and skips when none is left or the object is gone", () => {
    const m = permissionsArgs(
      {
        id: "c",
        objectType: "clusters",
        objectId: "c",
        acl: [...acl, { principal: { kind: "user", id: "gone@x" }, level: "CAN_RESTART" }],
      },
      resolve,
    );
    expect(m.ok && m.args.accessControls).toHaveLength(3);
    expect(m.notes).toEqual(["CAN_RESTART for user gone@x not applied: not in Entra ID"]);
    expect(
      permissionsArgs(
        {
          id: "c",
          objectType: "clusters",
          objectId: "c",
          acl: [{ principal: { kind: "user", id: "gone" }, level: "X" }],
        },
        resolve,
      ).ok,
    ).toBe(false);
    expect(
      permissionsArgs({ id: "c", objectType: "clusters", objectId: "gone-cluster", acl }, resolve),
    ).toMatchObject({
      ok: false,
      skip: "the cluster it applies to is not in the secondary: not in Entra ID",
    });
  });
});

describe("filters", () => {
  const nb = {
    id: "/Users/a/nb",
    path: "/Users/a/nb",
    language: "PYTHON" as const,
    content: { file: "f", sha256: "0".repeat(64), size: 1 },
  };
  it("applies kind and path filters, paths by whole segments", () => {
    expect(excludedBy("notebook", nb, {})).toBeUndefined();
    expect(excludedBy("notebook", nb, { includeKinds: ["job"] })).toBe("not in databricks-dr:includeKinds");
    expect(excludedBy("notebook", nb, { excludeKinds: ["notebook"] })).toBe("in databricks-dr:excludeKinds");
    expect(excludedBy("notebook", nb, { includePaths: ["/Users/a"] })).toBeUndefined();
    expect(excludedBy("notebook", nb, { includePaths: ["/Users/ab"] })).toBe(
      "outside databricks-dr:includePaths",
    );
    expect(excludedBy("notebook", nb, { excludePaths: ["/Users/"] })).toBe(
      "under databricks-dr:excludePaths",
    );
    const perm = {
      id: "notebooks:/Users/a/nb",
      objectType: "notebooks" as const,
      objectId: "/Users/a/nb",
      acl: [],
    };
    expect(excludedBy("permissions", perm, { excludePaths: ["/Users/a"] })).toBe(
      "under databricks-dr:excludePaths",
    );
    const job = { id: "1", name: "j", settings: {}, originalPause: {} };
    expect(excludedBy("job", job, { excludePaths: ["/"] })).toBeUndefined();
  });
});

describe("secrets, mounts, identities", () => {
  const scope = { id: "etl", name: "etl", backend: "DATABRICKS" as const, keys: ["a", "b"], acls: [] };
  it("takes values from config and reports the missing ones, never inventing", () => {
    const values = new Map([["etl/a", new SecretValue("x")]]);
    expect(secretValuesFor(scope, values)).toEqual({
      present: [{ key: "a", configKey: "etl/a" }],
      missing: ["b"],
    });
    expect(
      secretValuesFor(
        { ...scope, backend: "AZURE_KEYVAULT", keyVault: { resourceId: "r", dnsName: "d" } },
        values,
      ),
    ).toEqual({ present: [], missing: [] });
  });

  it("maps Key Vault-backed scopes with their metadata and a note", () => {
    const m = secretScopeArgs({
      ...scope,
      backend: "AZURE_KEYVAULT",
      keyVault: { resourceId: "r", dnsName: "https://kv/" },
    });
    expect(m).toMatchObject({
      ok: true,
      args: { name: "etl", keyvaultMetadata: { resourceId: "r", dnsName: "https://kv/" } },
    });
    expect(m.notes[0]).toMatch(/Key Vault-backed/);
    expect(secretScopeArgs({ ...scope, backend: "AZURE_KEYVAULT" }).ok).toBe(false);
  });

  it("tells secret ACL principals apart", () => {
    expect(["a@b.c", "12345678-1234-1234-1234-123456789012", "data-eng"].map(secretAclPrincipalKind)).toEqual(
      ["user", "service-principal", "group"],
    );
  });

  it("re-points mounts to the region's storage account", () => {
    const auth = { clientId: "c", tenantId: "t", secretScope: "s", secretKey: "k" };
    expect(mountArgs({ name: "raw", container: "raw", directory: "/in" }, auth, "secondarysa")).toMatchObject(
      {
        ok: true,
        args: {
          name: "raw",
          abfs: {
            containerName: "raw",
            storageAccountName: "secondarysa",
            directory: "/in",
            clientSecretScope: "s",
            clientSecretKey: "k",
            initializeFileSystem: false,
          },
        },
      },
    );
    expect(
      mountArgs({ name: "raw", container: "raw", storageAccount: "other" }, auth, "secondarysa").ok && true,
    ).toBe(true);
    expect(mountArgs({ name: "raw", container: "raw" }, auth, undefined).ok).toBe(false);
  });

  it("maps entitlements to the provider's flags and reports unknown ones and roles", () => {
    expect(entitlementArgs(["workspace-access", "allow-cluster-create", "new-thing"])).toEqual({
      args: { workspaceAccess: true, allowClusterCreate: true },
      notes: ["entitlement new-thing is not known to the provider: grant it by hand"],
    });
    const u = userArgs({
      id: "a",
      userName: "a@b.c",
      active: false,
      entitlements: [],
      roles: ["arn:aws:iam::1:instance-profile/x"],
    });
    expect(u).toMatchObject({ ok: true, args: { userName: "a@b.c", active: false, force: true } });
    expect(u.notes[0]).toMatch(/do not exist on Azure/);
  });
});
