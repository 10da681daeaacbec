import { credentialIn } from "../../credentials";
import { UcConnectionDescriptor } from "../index";
import { obj, Obj, str } from "../../../exporters/normalize";
import { KindExporter, Listed, SkipError } from "../../../exporters/types";
import { defined, stringProps, ucGrants, ucList, ucMetastore, ucRefreshDue, ucSignature } from "./shared";

/**
 * ConnectionInfo → descriptor. The API does not return secret options (password, client secret), but a
 * value the credential scanner takes for one (a token pasted into `host`, a key named `...secret`) is
 * dropped all the same and its key named in `secretOptions`.
 */
export function normalizeConnection(c: Obj): Omit<UcConnectionDescriptor, "grants"> {
  const id = str(c.connection_id);
  const name = str(c.name);
  const connectionType = str(c.connection_type);
  if (!id || !name || !connectionType)
    throw new SkipError("connection without connection_id, name or connection_type");
  const options: Record<string, string> = {};
  const secretOptions: string[] = [];
  for (const [k, v] of Object.entries(stringProps(obj(c.options))))
    if (credentialIn(v, k)) secretOptions.push(k);
    else options[k] = v;
  return defined({
    id,
    name,
    connectionType,
    credentialType: str(c.credential_type),
    readOnly: typeof c.read_only === "boolean" ? c.read_only : undefined,
    options,
    secretOptions: secretOptions.sort(),
    properties: stringProps(c.properties),
    owner: str(c.owner),
    comment: str(c.comment),
  });
}

/** connection_id by name, for the foreign catalogs that name their connection. */
export function connectionsList(ctx: Parameters<KindExporter<"uc-connection">["list"]>[0]): Promise<Obj[]> {
  return ctx.memo("uc:connections", async () => {
    await ucMetastore(ctx);
    return ucList(ctx, "connections", "connections");
  });
}

type Item = Listed & { base: Omit<UcConnectionDescriptor, "grants">; name: string };

export const ucConnectionExporter: KindExporter<"uc-connection", Item> = {
  kind: "uc-connection",
  async list(ctx) {
    return (await connectionsList(ctx)).flatMap((c) => {
      try {
        const base = normalizeConnection(c);
        return [{ id: base.id, base, name: base.name }];
      } catch (e) {
        ctx.skip("uc-connection", str(c.name) ?? "?", (e as Error).message);
        return [];
      }
    });
  },
  signature: (ctx, item) => ucSignature(ctx, item.id, item.base),
  refresh: (ctx, item) => ucRefreshDue(ctx, item.id),
  async read(ctx, item) {
    return { ...item.base, grants: await ucGrants(ctx, "uc-connection", item.id, "connection", item.name) };
  },
};
