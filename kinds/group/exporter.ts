import { PrincipalRef } from "../common";
import { GroupDescriptor } from "./schema";
import { arr, Obj, scimValues, str } from "../../exporters/normalize";
import { assertStillListed, scimList, scimNames } from "../../exporters/shared";
import { ExportContext, KindExporter, Listed, SkipError } from "../../exporters/types";

type Names = Awaited<ReturnType<typeof scimNames>>;

/** A member's kind from its `$ref` (`Users/123`, `.../ServicePrincipals/9`), else from which list knows its id. */
function memberRef(m: Obj, names: Names): PrincipalRef | undefined {
  const id = str(m.value);
  if (!id) return undefined;
  const ref = str(m.$ref) ?? str(m.type) ?? "";
  const lookups: [RegExp, PrincipalRef["kind"], Map<string, string>][] = [
    [/(^|\/)Users(\/|$)|^User$/, "user", names.users],
    [/(^|\/)Groups(\/|$)|^Group$/, "group", names.groups],
    [/(^|\/)ServicePrincipals(\/|$)|^ServicePrincipal$/, "service-principal", names.sps],
  ];
  for (const [re, kind, map] of lookups) if (re.test(ref) && map.has(id)) return { kind, id: map.get(id)! };
  for (const [, kind, map] of lookups) if (map.has(id)) return { kind, id: map.get(id)! };
  return undefined;
}

/**
 * A SCIM group → descriptor keyed by its SCIM id (a rename is the same group), members by their source ids;
 * unknown members reported.
 */
export function normalizeGroup(
  g: Obj,
  names: Names,
  unresolved: (memberId: string) => void = () => {},
): GroupDescriptor {
  const id = str(g.id);
  if (!id) throw new SkipError("SCIM group without id");
  const displayName = str(g.displayName);
  if (!displayName) throw new SkipError("SCIM group without displayName");
  const members: PrincipalRef[] = [];
  const seen = new Set<string>();
  for (const m of arr(g.members)) {
    const ref = memberRef(m, names);
    if (!ref) {
      unresolved(String(m.value ?? m.display ?? "?"));
      continue;
    }
    const key = `${ref.kind}:${ref.id}`;
    if (!seen.has(key)) members.push(ref);
    seen.add(key);
  }
  members.sort((a, b) => (`${a.kind}:${a.id}` < `${b.kind}:${b.id}` ? -1 : 1));
  return {
    id,
    displayName,
    externalId: str(g.externalId),
    members,
    entitlements: scimValues(g.entitlements),
    roles: scimValues(g.roles),
  };
}

export const groupExporter: KindExporter<"group", Listed & { raw: Obj }> = {
  kind: "group",
  async list(ctx) {
    return (await scimList(ctx, "Groups")).map((raw) => ({
      id: str(raw.id) ?? `scim:${String(raw.displayName)}`,
      raw,
    }));
  },
  async read(ctx: ExportContext, item) {
    assertStillListed(item.raw);
    const names = await scimNames(ctx);
    return normalizeGroup(item.raw, names, (member) =>
      ctx.skip(
        "group",
        `${item.id}#member:${member}`,
        "group member is not a user, group or service principal this workspace lists",
      ),
    );
  },
};
