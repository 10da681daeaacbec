import { UcExternalLocationDescriptor, UcStorageCredentialDescriptor } from "../index";
import { obj, Obj, str } from "../../../exporters/normalize";
import { KindExporter, Listed, SkipError } from "../../../exporters/types";
import { defined, ucBindings, ucGrants, ucList, ucMetastore, ucRefreshDue, ucSignature } from "./shared";

type Base<D> = Omit<D, "grants" | "workspaceBindings">;

/** Identity fields only: client_secret, private keys and the like are never read into a descriptor. */
export function normalizeStorageCredential(c: Obj): Base<UcStorageCredentialDescriptor> {
  const id = str(c.id);
  const name = str(c.name);
  if (!id || !name) throw new SkipError("storage credential without id or name");
  const mi = obj(c.azure_managed_identity);
  const sp = obj(c.azure_service_principal);
  const other = [
    "aws_iam_role",
    "gcp_service_account_key",
    "databricks_gcp_service_account",
    "cloudflare_api_token",
  ].find((k) => c[k] && typeof c[k] === "object");
  return defined({
    id,
    name,
    readOnly: c.read_only === true,
    usedForManagedStorage:
      typeof c.used_for_managed_storage === "boolean" ? c.used_for_managed_storage : undefined,
    isolationMode: str(c.isolation_mode) as UcStorageCredentialDescriptor["isolationMode"],
    azureManagedIdentity: str(mi.access_connector_id)
      ? defined({
          accessConnectorId: str(mi.access_connector_id)!,
          managedIdentityId: str(mi.managed_identity_id),
        })
      : undefined,
    azureServicePrincipal:
      str(sp.directory_id) && str(sp.application_id)
        ? { directoryId: str(sp.directory_id)!, applicationId: str(sp.application_id)! }
        : undefined,
    otherCloud: other,
    owner: str(c.owner),
    comment: str(c.comment),
  });
}

export function normalizeExternalLocation(l: Obj): Base<UcExternalLocationDescriptor> {
  const name = str(l.name);
  const url = str(l.url);
  const credentialName = str(l.credential_name);
  if (!name || !url || !credentialName)
    throw new SkipError("external location without name, url or credential_name");
  return defined({
    // The API gives an external location no id: its name is its id.
    id: name,
    name,
    url,
    credentialId: str(l.credential_id),
    credentialName,
    readOnly: l.read_only === true,
    fallback: typeof l.fallback === "boolean" ? l.fallback : undefined,
    enableFileEvents: typeof l.enable_file_events === "boolean" ? l.enable_file_events : undefined,
    isolationMode: str(l.isolation_mode) as UcExternalLocationDescriptor["isolationMode"],
    owner: str(l.owner),
    comment: str(l.comment),
  });
}

type Item<D> = Listed & { base: Base<D>; name: string };

export const ucStorageCredentialExporter: KindExporter<
  "uc-storage-credential",
  Item<UcStorageCredentialDescriptor>
> = {
  kind: "uc-storage-credential",
  async list(ctx) {
    await ucMetastore(ctx);
    const all = await ucList(ctx, "storage-credentials", "storage_credentials");
    return all.flatMap((c) => {
      try {
        const base = normalizeStorageCredential(c);
        return [{ id: base.id, base, name: base.name }];
      } catch (e) {
        ctx.skip("uc-storage-credential", str(c.name) ?? "?", (e as Error).message);
        return [];
      }
    });
  },
  signature: (ctx, item) => ucSignature(ctx, item.id, item.base),
  refresh: (ctx, item) => ucRefreshDue(ctx, item.id),
  async read(ctx, item) {
    const [grants, bindings] = await Promise.all([
      ucGrants(ctx, "uc-storage-credential", item.id, "storage_credential", item.name),
      ucBindings(ctx, "storage_credential", item.name, item.base.isolationMode),
    ]);
    return { ...item.base, ...(bindings.length ? { workspaceBindings: bindings } : {}), grants };
  },
};

export const ucExternalLocationExporter: KindExporter<
  "uc-external-location",
  Item<UcExternalLocationDescriptor>
> = {
  kind: "uc-external-location",
  async list(ctx) {
    await ucMetastore(ctx);
    const all = await ucList(ctx, "external-locations", "external_locations");
    return all.flatMap((l) => {
      try {
        const base = normalizeExternalLocation(l);
        return [{ id: base.id, base, name: base.name }];
      } catch (e) {
        ctx.skip("uc-external-location", str(l.name) ?? "?", (e as Error).message);
        return [];
      }
    });
  },
  signature: (ctx, item) => ucSignature(ctx, item.id, item.base),
  refresh: (ctx, item) => ucRefreshDue(ctx, item.id),
  async read(ctx, item) {
    const [grants, bindings] = await Promise.all([
      ucGrants(ctx, "uc-external-location", item.id, "external_location", item.name),
      ucBindings(ctx, "external_location", item.name, item.base.isolationMode),
    ]);
    return { ...item.base, ...(bindings.length ? { workspaceBindings: bindings } : {}), grants };
  },
};
