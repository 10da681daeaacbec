import { SkipError } from "./types";
import { listScim, listWithPageToken, vanishedDuringListing } from "../client";
import { ExportContext } from "./types";
import { Obj, str } from "./normalize";

/** Listings several kinds need, fetched once per run. */
export const SCIM = "/api/2.0/preview/scim/v2";

export function scimList(
  ctx: ExportContext,
  resource: "Users" | "Groups" | "ServicePrincipals",
): Promise<Obj[]> {
  return ctx.memo(`scim:${resource}`, () => listScim(ctx.client, `${SCIM}/${resource}`, { count: 100 }));
}

/** A SCIM object that a later listing pass no longer held was deleted while the export ran: say so. */
export function assertStillListed(raw: Obj): void {
  if (vanishedDuringListing(raw))
    throw new SkipError("deleted during export (gone when the list was read again)");
}

/**
 * SCIM id → the source id the descriptors use (userName, applicationId; a group's own SCIM id), and a group's
 * displayName → its SCIM id (the permissions API names groups by name).
 */
export async function scimNames(ctx: ExportContext): Promise<{
  users: Map<string, string>;
  groups: Map<string, string>;
  sps: Map<string, string>;
  groupIds: Map<string, string>;
}> {
  return ctx.memo("scim:names", async () => {
    const [users, groups, sps] = await Promise.all([
      scimList(ctx, "Users"),
      scimList(ctx, "Groups"),
      scimList(ctx, "ServicePrincipals"),
    ]);
    const index = (list: Obj[], name: string) =>
      new Map(list.flatMap((o) => (str(o.id) && str(o[name]) ? [[o.id as string, o[name] as string]] : [])));
    return {
      users: index(users, "userName"),
      groups: index(groups, "id"),
      sps: index(sps, "applicationId"),
      groupIds: new Map([...index(groups, "displayName")].map(([id, name]) => [name, id])),
    };
  });
}

export function reposList(ctx: ExportContext): Promise<Obj[]> {
  return ctx.memo("repos:list", () =>
    listWithPageToken(ctx.client, "/api/2.0/repos", { itemsKey: "repos", tokenParam: "next_page_token" }),
  );
}
