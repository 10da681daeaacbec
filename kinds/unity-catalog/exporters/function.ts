import { UcFunctionDescriptor } from "../index";
import { omit, Obj, str } from "../../../exporters/normalize";
import { KindExporter, SkipError } from "../../../exporters/types";
import { ChildItem, listChildren, placeOf } from "./children";
import { defined, ucGrants, ucRefreshDue, ucSignature } from "./shared";

type Base = Omit<UcFunctionDescriptor, "grants">;

/** FunctionInfo fields that are identity or the service's, not the function's definition. */
const FUNCTION_READ_ONLY = [
  "name",
  "catalog_name",
  "schema_name",
  "full_name",
  "function_id",
  "metastore_id",
  "owner",
  "comment",
  "created_at",
  "created_by",
  "updated_at",
  "updated_by",
  "browse_only",
  "securable_kind",
];

export function normalizeFunction(f: Obj, schemaId?: string): Base {
  const id = str(f.function_id);
  const place = placeOf(f);
  if (!id || !place) throw new SkipError("function without function_id, name, catalog_name or schema_name");
  return defined({
    id,
    ...place,
    schemaId,
    definition: omit(f, FUNCTION_READ_ONLY),
    owner: str(f.owner),
    comment: str(f.comment),
  });
}

export const ucFunctionExporter: KindExporter<"uc-function", ChildItem<Base>> = {
  kind: "uc-function",
  list: (ctx) => listChildren(ctx, "uc-function", "functions", "functions", normalizeFunction),
  signature: (ctx, item) => ucSignature(ctx, item.id, item.base),
  refresh: (ctx, item) => ucRefreshDue(ctx, item.id),
  async read(ctx, item) {
    return { ...item.base, grants: await ucGrants(ctx, "uc-function", item.id, "function", item.fullName) };
  },
};
