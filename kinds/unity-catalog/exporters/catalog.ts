import { UcCatalogDescriptor } from "../index";
import { obj, Obj, str } from "../../../exporters/normalize";
import { KindExporter, Listed, SkipError } from "../../../exporters/types";
import { connectionsList } from "./connection";
import {
  catalogSkipReason,
  defined,
  stringProps,
  ucBindings,
  ucCatalogs,
  ucGrants,
  ucRefreshDue,
  ucSignature,
} from "./shared";

type Base = Omit<UcCatalogDescriptor, "grants" | "workspaceBindings">;

/** CatalogInfo → descriptor (grants and bindings aside); `connectionIds` maps connection names to ids. */
export function normalizeCatalog(c: Obj, connectionIds: Map<string, string> = new Map()): Base {
  const name = str(c.name);
  if (!name) throw new SkipError("catalog without name");
  const connectionName = str(c.connection_name);
  const options = stringProps(obj(c.options));
  return defined({
    // CatalogInfo has no id: the name is the catalog's id.
    id: name,
    name,
    catalogType: str(c.catalog_type) ?? "MANAGED_CATALOG",
    storageRoot: str(c.storage_root),
    storageLocation: str(c.storage_location),
    isolationMode: str(c.isolation_mode) as UcCatalogDescriptor["isolationMode"],
    properties: stringProps(c.properties),
    options: Object.keys(options).length ? options : undefined,
    connectionName,
    connectionId: connectionName ? connectionIds.get(connectionName) : undefined,
    providerName: str(c.provider_name),
    shareName: str(c.share_name),
    enablePredictiveOptimization: str(c.enable_predictive_optimization),
    owner: str(c.owner),
    comment: str(c.comment),
  });
}

type Item = Listed & { base: Base };

export const ucCatalogExporter: KindExporter<"uc-catalog", Item> = {
  kind: "uc-catalog",
  async list(ctx) {
    const catalogs = await ucCatalogs(ctx);
    const ids = new Map<string, string>();
    if (catalogs.some((c) => str(c.connection_name)))
      for (const c of await connectionsList(ctx).catch(() => [] as Obj[]))
        if (str(c.name) && str(c.connection_id)) ids.set(str(c.name)!, str(c.connection_id)!);
    return catalogs.flatMap((c) => {
      const name = str(c.name) ?? "?";
      const why = catalogSkipReason(c);
      if (why) {
        ctx.skip("uc-catalog", name, why);
        return [];
      }
      try {
        const base = normalizeCatalog(c, ids);
        return [{ id: base.id, base }];
      } catch (e) {
        ctx.skip("uc-catalog", name, (e as Error).message);
        return [];
      }
    });
  },
  signature: (ctx, item) => ucSignature(ctx, item.id, item.base),
  refresh: (ctx, item) => ucRefreshDue(ctx, item.id),
  async read(ctx, item) {
    const [grants, workspaceBindings] = await Promise.all([
      ucGrants(ctx, "uc-catalog", item.id, "catalog", item.base.name),
      ucBindings(ctx, "catalog", item.base.name, item.base.isolationMode),
    ]);
    return { ...item.base, workspaceBindings, grants };
  },
};
