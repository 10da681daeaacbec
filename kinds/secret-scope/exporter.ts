import { SecretScopeDescriptor } from "./schema";
import { arr, obj, Obj, reasonOf, str } from "../../exporters/normalize";
import { ExportContext, KindExporter, Listed, SkipError } from "../../exporters/types";

/** Scope metadata, key names and ACLs → descriptor. Secret values cannot be read and are never asked for. */
export function normalizeSecretScope(scope: Obj, keys: Obj[], acls: Obj[]): SecretScopeDescriptor {
  const name = str(scope.name);
  if (!name) throw new SkipError("secret scope without name");
  const backend = scope.backend_type === "AZURE_KEYVAULT" ? "AZURE_KEYVAULT" : "DATABRICKS";
  const kv = obj(scope.keyvault_metadata);
  return {
    id: name,
    name,
    backend,
    keyVault:
      backend === "AZURE_KEYVAULT"
        ? { resourceId: str(kv.resource_id) ?? "", dnsName: str(kv.dns_name) ?? "" }
        : undefined,
    keys: keys
      .map((k) => str(k.key))
      .filter((k): k is string => !!k)
      .sort(),
    acls: acls
      .filter((a) => str(a.principal) && str(a.permission))
      .map((a) => ({
        principal: a.principal as string,
        permission: a.permission as "READ" | "WRITE" | "MANAGE",
      }))
      .sort((a, b) => (a.principal < b.principal ? -1 : a.principal > b.principal ? 1 : 0)),
  };
}

async function optionalList(
  ctx: ExportContext,
  scope: string,
  what: "keys" | "acls",
  call: () => Promise<Obj[]>,
) {
  try {
    return await call();
  } catch (e) {
    ctx.skip(
      "secret-scope",
      `${scope}#${what}`,
      `${what} could not be listed: ${reasonOf(e, (s) => ctx.client.redact(s))}`,
    );
    return [];
  }
}

export const secretScopeExporter: KindExporter<"secret-scope", Listed & { raw: Obj }> = {
  kind: "secret-scope",
  async list(ctx) {
    const body = await ctx.client.get<Obj>("/api/2.0/secrets/scopes/list");
    return arr(body.scopes).map((raw) => ({ id: String(raw.name), raw }));
  },
  async read(ctx, item) {
    const [keys, acls] = await Promise.all([
      optionalList(ctx, item.id, "keys", async () =>
        arr((await ctx.client.get<Obj>("/api/2.0/secrets/list", { scope: item.id })).secrets),
      ),
      optionalList(ctx, item.id, "acls", async () =>
        arr((await ctx.client.get<Obj>("/api/2.0/secrets/acls/list", { scope: item.id })).items),
      ),
    ]);
    const d = normalizeSecretScope(item.raw, keys, acls);
    // Key Vault-backed values live in the vault, which the secondary reads itself.
    if (d.backend === "DATABRICKS") for (const k of d.keys) ctx.secretNeeded(d.name, k);
    return d;
  },
};
