import { KindName } from "../../common";
import { Obj, str } from "../../../exporters/normalize";
import { ExportContext, Listed } from "../../../exporters/types";
import { childrenOf, PAGE, schemaIds, ucListOnce, walkedSchemas } from "./shared";

/** An object listed in a schema, normalized (grants aside), with what reading its grants needs. */
export type ChildItem<B> = Listed & { base: B; fullName: string };

/**
 * The tables, volumes or functions of every walked schema (`<path>?catalog_name=&schema_name=`, paged),
 * normalized with the schema's id; an object that cannot be normalized is skipped with the reason.
 */
export async function listChildren<B extends { id: string; fullName: string }>(
  ctx: ExportContext,
  kind: KindName,
  path: string,
  itemsKey: string,
  normalize: (raw: Obj, schemaId: string | undefined) => B,
  pageSize = PAGE,
): Promise<ChildItem<B>[]> {
  const [schemas, ids] = await Promise.all([walkedSchemas(ctx, kind), schemaIds(ctx, kind)]);
  const lists = await childrenOf(ctx, kind, schemas, (full) => {
    const dot = full.indexOf(".");
    return ucListOnce(
      ctx,
      `${path}:${full}`,
      path,
      itemsKey,
      { catalog_name: full.slice(0, dot), schema_name: full.slice(dot + 1) },
      pageSize,
    );
  });
  const out: ChildItem<B>[] = [];
  for (const { parent, items } of lists)
    for (const raw of items) {
      try {
        const base = normalize(raw, ids.get(parent));
        out.push({ id: base.id, base, fullName: base.fullName });
      } catch (e) {
        ctx.skip(kind, str(raw.full_name) ?? `${parent}.${str(raw.name) ?? "?"}`, (e as Error).message);
      }
    }
  return out;
}

/** name, catalog_name, schema_name, full_name of an object in a schema. */
export function placeOf(
  raw: Obj,
): { name: string; catalogName: string; schemaName: string; fullName: string } | undefined {
  const name = str(raw.name);
  const catalogName = str(raw.catalog_name);
  const schemaName = str(raw.schema_name);
  if (!name || !catalogName || !schemaName) return undefined;
  return {
    name,
    catalogName,
    schemaName,
    fullName: str(raw.full_name) ?? `${catalogName}.${schemaName}.${name}`,
  };
}
