/**
 * How a group batch finds the secondary group of a member it does not hold yet (it moved here from another
 * resource, the state was lost, the stack was upgraded): by its marker, the externalId the stack gives
 * every group it writes (kinds/group/mapping.ts groupMarker). A group the stack did not create
 * is never adopted: one holding the name without the marker stops the sync with a line naming it.
 */
import type { DatabricksClient } from "../../client";
import { listScim } from "../../client/paging";
import { SOURCE_TAG } from "../mapping/source-marker";

const GROUPS = "/api/2.0/preview/scim/v2/Groups";
const GROUP_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Group";
/** kinds/group/mapping.ts GROUP_MARKER_PREFIX (that module pulls in the provider's types). */
export const MARKER_PREFIX = `${SOURCE_TAG}:`;

export interface GroupSpec {
  name: string;
  externalId?: string;
  entitlements: string[];
}

interface ScimGroup {
  id: string;
  displayName?: string;
  externalId?: string;
}

export interface AdoptionContext {
  /** SCIM ids this batch's old state held (a state written before groups were keyed by source id). */
  held: ReadonlySet<string>;
  /** Is the primary group of this source id gone from the snapshot? (its leftover may be re-used) */
  leftSnapshot(sourceId: string): boolean;
  /** Renames and updates a group the batch keeps or adopts. */
  patch(id: string): Promise<void>;
  /** The workspace's groups (groupListing), to find the marked one. */
  groups(): Promise<ScimGroup[]>;
}

const quote = (s: string) => `"${s.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;

async function byName(client: DatabricksClient, name: string): Promise<ScimGroup | undefined> {
  const r = await client.get<{ Resources?: ScimGroup[] }>(GROUPS, {
    filter: `displayName eq ${quote(name)}`,
  });
  return r.Resources?.find((g) => g.displayName === name);
}

/**
 * Every group with its externalId, listed once per sync (a filter on externalId is not one the SCIM API
 * documents for workspace groups; displayName is, and the provider filters by it).
 */
export function groupListing(client: DatabricksClient): () => Promise<ScimGroup[]> {
  let listed: Promise<ScimGroup[]> | undefined;
  return () =>
    (listed ??= listScim(client, GROUPS, { count: 100, attributes: "id,displayName,externalId" }).then(
      (all) => all as unknown as ScimGroup[],
    ));
}

function isConflict(e: unknown): boolean {
  const err = e as { status?: number; errorCode?: string };
  return err?.status === 409 || err?.errorCode === "RESOURCE_ALREADY_EXISTS";
}

/** Is the group that holds `spec.name` the stack's to take? */
function adoptable(found: ScimGroup, spec: GroupSpec, ctx: AdoptionContext): boolean {
  if (spec.externalId !== undefined && found.externalId === spec.externalId) return true;
  if (ctx.held.has(found.id)) return true;
  // The stack's own group of a primary group that is gone (prune off kept it): a new group took its name.
  const other = found.externalId?.startsWith(MARKER_PREFIX)
    ? found.externalId.slice(MARKER_PREFIX.length)
    : "";
  return other !== "" && ctx.leftSnapshot(other);
}

/** The SCIM id of the member's group: found by marker, else created (marked), else refused. */
export async function upsertGroup(
  client: DatabricksClient,
  spec: GroupSpec,
  ctx: AdoptionContext,
): Promise<string> {
  const marked =
    spec.externalId !== undefined
      ? (await ctx.groups()).find((g) => g.externalId === spec.externalId)
      : undefined;
  if (marked) {
    await ctx.patch(marked.id);
    return marked.id;
  }
  try {
    const created = await client.post<{ id: string }>(GROUPS, {
      schemas: [GROUP_SCHEMA],
      displayName: spec.name,
      ...(spec.externalId !== undefined ? { externalId: spec.externalId } : {}),
      entitlements: spec.entitlements.map((value) => ({ value })),
    });
    return created.id;
  } catch (e) {
    if (!isConflict(e)) throw e;
  }
  const found = await byName(client, spec.name);
  if (!found) throw new Error(`group ${spec.name} exists (409) but cannot be found by displayName`);
  if (!adoptable(found, spec, ctx))
    throw new Error(
      `group ${quote(spec.name)} (SCIM id ${found.id}) exists in the secondary but the stack did not create it ` +
        `(externalId ${found.externalId === undefined ? "unset" : quote(found.externalId)}, not ${quote(spec.externalId ?? "")}): ` +
        `rename or delete it there, or set its externalId to ${quote(spec.externalId ?? "")} to have the stack adopt it`,
    );
  await ctx.patch(found.id);
  return found.id;
}
