import { alreadyExists, badRequest, invalid, notFound, permissionDenied } from "../errors";
import { field, ok, requireParam } from "../http";
import { Router } from "../router";
import { Obj } from "../state/types";
import { keyVault } from "../state/key-vaults";
import { SecretScope, WorkspaceState } from "../state/workspace-state";

const PERMISSIONS = ["READ", "WRITE", "MANAGE"];
const SCOPE_NAME = /^[\w.@-]{1,128}$/;

function getScope(state: WorkspaceState, name: string): SecretScope {
  const s = state.secretScopes.get(name);
  if (!s) throw notFound(`Scope ${name} does not exist!`);
  return s;
}

export function createScope(state: WorkspaceState, body: Obj): SecretScope {
  const name = String(body.scope ?? "");
  if (!SCOPE_NAME.test(name))
    throw invalid(
      `Scope name '${name}' must consist of alphanumeric characters, dashes, underscores, @, and periods.`,
    );
  if (state.secretScopes.has(name)) throw alreadyExists(`Scope ${name} already exists!`);
  const backend = String(body.scope_backend_type ?? "DATABRICKS");
  const meta: Obj = { name, backend_type: backend };
  if (backend === "AZURE_KEYVAULT") {
    const kv = body.backend_azure_keyvault as Obj | undefined;
    if (!kv?.resource_id || !kv?.dns_name)
      throw invalid(
        "backend_azure_keyvault with resource_id and dns_name is required for AZURE_KEYVAULT scopes.",
      );
    meta.keyvault_metadata = { resource_id: kv.resource_id, dns_name: kv.dns_name };
    meta.is_databricks_managed = false; // as recorded scopes/list answers show for Key Vault scopes
  } else if (backend !== "DATABRICKS") throw invalid(`Invalid scope_backend_type: ${backend}`);
  const kv = meta.keyvault_metadata as Obj | undefined;
  const keys = kv ? keyVault(String(kv.resource_id)) : new Map();
  const scope: SecretScope = { meta, keys, acls: new Map() };
  const principal = String(body.initial_manage_principal ?? state.currentUser);
  scope.acls.set(principal, "MANAGE");
  state.secretScopes.set(name, scope);
  state.dropVerbatimList("secrets/scopes");
  return scope;
}

export function putSecret(
  state: WorkspaceState,
  scopeName: string,
  key: string,
  value: Buffer,
  time?: number,
) {
  const scope = getScope(state, scopeName);
  if (scope.meta.backend_type === "AZURE_KEYVAULT")
    throw badRequest(
      "BAD_REQUEST",
      `Scope ${scopeName} is backed by Azure KeyVault: secrets must be written through the Azure Key Vault.`,
    );
  if (!/^[\w.-]{1,128}$/.test(key)) throw invalid(`Invalid secret key: ${key}`);
  if (value.length > 128 * 1024) throw invalid("A secret value cannot exceed 128 KB.");
  scope.keys.set(key, { key, last_updated_timestamp: time ?? Date.now(), value });
  state.verbatimSecretKeys.delete(scopeName);
}

export function registerSecrets(r: Router): void {
  const base = "/api/2.0/secrets";
  r.get(`${base}/scopes/list`, (ctx) => {
    const v = ctx.state.verbatimLists.get("secrets/scopes");
    if (v) return { status: 200, raw: v.raw };
    const scopes = [...ctx.state.secretScopes.values()].map((s) => s.meta);
    return ok(scopes.length ? { scopes } : {});
  });
  r.post(`${base}/scopes/create`, (ctx) => {
    createScope(ctx.state, ctx.body);
    return ok({});
  });
  r.post(`${base}/scopes/delete`, (ctx) => {
    const name = requireParam(ctx, "scope");
    getScope(ctx.state, name);
    ctx.state.secretScopes.delete(name);
    ctx.state.verbatimSecretKeys.delete(name);
    ctx.state.dropVerbatimList("secrets/scopes");
    return ok({});
  });
  // Keys: names and update times only; values are write-only.
  r.get(`${base}/list`, (ctx) => {
    const name = requireParam(ctx, "scope");
    const scope = getScope(ctx.state, name);
    const raw = ctx.state.verbatimSecretKeys.get(name);
    if (raw !== undefined) return { status: 200, raw };
    const secrets = [...scope.keys.values()].map((k) => ({
      key: k.key,
      last_updated_timestamp: k.last_updated_timestamp,
    }));
    return ok(secrets.length ? { secrets } : {});
  });
  r.post(`${base}/put`, (ctx) => {
    const scope = requireParam(ctx, "scope");
    const key = requireParam(ctx, "key");
    const s = field<string | undefined>(ctx, "string_value");
    const b = field<string | undefined>(ctx, "bytes_value");
    if ((s === undefined) === (b === undefined))
      throw invalid("Exactly one of string_value or bytes_value must be set.");
    putSecret(
      ctx.state,
      scope,
      key,
      s !== undefined ? Buffer.from(String(s)) : Buffer.from(String(b), "base64"),
    );
    return ok({});
  });
  r.post(`${base}/delete`, (ctx) => {
    const name = requireParam(ctx, "scope");
    const key = requireParam(ctx, "key");
    const scope = getScope(ctx.state, name);
    if (!scope.keys.has(key)) throw notFound(`Secret ${key} does not exist in scope ${name}.`);
    scope.keys.delete(key);
    ctx.state.verbatimSecretKeys.delete(name);
    return ok({});
  });
  // Reading a value is what the REST API does not offer to this caller: values never leave the emulator.
  r.get(`${base}/get`, () => {
    throw permissionDenied("Secret values cannot be read through the REST API.");
  });
  r.get(`${base}/acls/list`, (ctx) => {
    const scope = getScope(ctx.state, requireParam(ctx, "scope"));
    const items = [...scope.acls].map(([principal, permission]) => ({ principal, permission }));
    return ok(items.length ? { items } : {});
  });
  r.get(`${base}/acls/get`, (ctx) => {
    const scope = getScope(ctx.state, requireParam(ctx, "scope"));
    const principal = requireParam(ctx, "principal");
    const permission = scope.acls.get(principal);
    if (!permission) throw notFound(`No ACL for principal ${principal} in scope ${scope.meta.name}.`);
    return ok({ principal, permission });
  });
  r.post(`${base}/acls/put`, (ctx) => {
    const scope = getScope(ctx.state, requireParam(ctx, "scope"));
    const principal = requireParam(ctx, "principal");
    const permission = requireParam(ctx, "permission");
    if (!PERMISSIONS.includes(permission)) throw invalid(`Invalid permission: ${permission}`);
    scope.acls.set(principal, permission);
    return ok({});
  });
  r.post(`${base}/acls/delete`, (ctx) => {
    const scope = getScope(ctx.state, requireParam(ctx, "scope"));
    const principal = requireParam(ctx, "principal");
    if (!scope.acls.has(principal))
      throw notFound(`No ACL for principal ${principal} in scope ${scope.meta.name}.`);
    scope.acls.delete(principal);
    return ok({});
  });
}
