import { UcSchemaDescriptor } from "../index";
import { Obj, str } from "../../../exporters/normalize";
import { KindExporter, Listed, SkipError } from "../../../exporters/types";
import {
  defined,
  schemaSkipReason,
  stringProps,
  ucGrants,
  ucSchemas,
  ucRefreshDue,
  ucSignature,
} from "./shared";

type Base = Omit<UcSchemaDescriptor, "grants">;

export function normalizeSchema(s: Obj): Base {
  const id = str(s.schema_id);
  const name = str(s.name);
  const catalogName = str(s.catalog_name);
  if (!id || !name || !catalogName) throw new SkipError("schema without schema_id, name or catalog_name");
  return defined({
    id,
    name,
    catalogName,
    fullName: str(s.full_name) ?? `${catalogName}.${name}`,
    catalogId: catalogName,
    storageRoot: str(s.storage_root),
    storageLocation: str(s.storage_location),
    properties: stringProps(s.properties),
    enablePredictiveOptimization: str(s.enable_predictive_optimization),
    owner: str(s.owner),
    comment: str(s.comment),
  });
}

type Item = Listed & { base: Base };

export const ucSchemaExporter: KindExporter<"uc-schema", Item> = {
  kind: "uc-schema",
  async list(ctx) {
    return (await ucSchemas(ctx, "uc-schema")).flatMap((s) => {
      const name = str(s.full_name) ?? `${str(s.catalog_name)}.${str(s.name)}`;
      const why = schemaSkipReason(s);
      if (why) {
        ctx.skip("uc-schema", name, why);
        return [];
      }
      try {
        const base = normalizeSchema(s);
        return [{ id: base.id, base }];
      } catch (e) {
        ctx.skip("uc-schema", name, (e as Error).message);
        return [];
      }
    });
  },
  signature: (ctx, item) => ucSignature(ctx, item.id, item.base),
  refresh: (ctx, item) => ucRefreshDue(ctx, item.id),
  async read(ctx, item) {
    return { ...item.base, grants: await ucGrants(ctx, "uc-schema", item.id, "schema", item.base.fullName) };
  },
};
