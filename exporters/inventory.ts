import { AbortedError, ApiError, DatabricksClient } from "../client";
import { InventoryEntry, Manifest } from "../snapshot/manifest";
import type { KindContract } from "../kinds/define";
import { KIND_CONTRACTS } from "../kinds/registry";

/** Why a family is left out: the same words in the manifest, the report and the README. */
export const NOT_SUPPORTED = "not yet supported by databricks-dr: issue 11";

/**
 * A workspace object family the export does not replicate, and how to count it: the list call (from the
 * REST API reference), the field of the answer that holds the objects, and how the answer pages.
 * No `path`: the REST API has no list call for the family, so it is always unknown.
 */
export interface InventoryFamily {
  family: string;
  path?: string;
  method?: "GET" | "POST";
  query?: Record<string, string | number>;
  /** The array of objects in the answer; "" when the answer is itself the array. */
  items: string;
  /** `next_page_token` paging (sent back as `page_token`), or a total in a `count` field. */
  paging?: "token" | "count";
}

/**
 * Workspace object families the REST API exposes besides the kinds that always were replicated. A kind
 * whose contract names one (`inventoryFamily`, kinds/define.ts) replicates it: counted with the kind, left
 * out of INVENTORY_FAMILIES. DLT pipelines, SQL queries and alerts are replicated kinds (kinds/pipeline/,
 * kinds/sql-query/, kinds/sql-alert/): counted with the kinds, not here (the legacy queries/alerts lists
 * name the same objects).
 */
export const WORKSPACE_FAMILIES: readonly InventoryFamily[] = [
  {
    family: "SQL dashboards (legacy)",
    path: "/api/2.0/preview/sql/dashboards",
    query: { page_size: 25 },
    items: "results",
    paging: "count",
  },
  {
    family: "AI/BI dashboards",
    path: "/api/2.0/lakeview/dashboards",
    query: { page_size: 100 },
    items: "dashboards",
    paging: "token",
  },
  { family: "Model serving endpoints", path: "/api/2.0/serving-endpoints", items: "endpoints" },
  {
    family: "MLflow experiments",
    path: "/api/2.0/mlflow/experiments/search",
    method: "POST",
    query: { max_results: 1000 },
    items: "experiments",
    paging: "token",
  },
  {
    family: "MLflow registered models",
    path: "/api/2.0/mlflow/registered-models/list",
    query: { max_results: 1000 },
    items: "registered_models",
    paging: "token",
  },
  {
    family: "Databricks Apps",
    path: "/api/2.0/apps",
    query: { page_size: 100 },
    items: "apps",
    paging: "token",
  },
  { family: "IP access lists", path: "/api/2.0/ip-access-lists", items: "ip_access_lists" },
  { family: "Tokens (all users)", path: "/api/2.0/token-management/tokens", items: "token_infos" },
  {
    family: "Vector search endpoints",
    path: "/api/2.0/vector-search/endpoints",
    items: "endpoints",
    paging: "token",
  },
  { family: "Online tables", items: "" },
  // Unity Catalog securables are replicated kinds (kinds/unity-catalog/); shares are not.
  { family: "Delta Sharing shares", path: "/api/2.1/unity-catalog/shares", items: "shares", paging: "token" },
];

const REPLICATED_FAMILIES = new Set(
  (KIND_CONTRACTS as readonly KindContract[]).flatMap((c) => (c.inventoryFamily ? [c.inventoryFamily] : [])),
);
/** The families no kind replicates: counted, and reported as not replicated. */
export const INVENTORY_FAMILIES: readonly InventoryFamily[] = WORKSPACE_FAMILIES.filter(
  (f) => !REPLICATED_FAMILIES.has(f.family),
);

/** Pages read per family before counting "at least N": the inventory must not dominate the export. */
export const MAX_PAGES = 20;

type Obj = Record<string, unknown>;

async function countFamily(client: DatabricksClient, f: InventoryFamily, signal?: AbortSignal) {
  let count = 0;
  let token: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const query = { ...f.query, ...(token ? { page_token: token } : {}) };
    const body =
      f.method === "POST"
        ? await client.request<unknown>("POST", f.path!, { body: query, signal })
        : await client.request<unknown>("GET", f.path!, { query, signal });
    const obj: Obj = body && typeof body === "object" && !Array.isArray(body) ? (body as Obj) : {};
    const items = f.items === "" ? body : obj[f.items];
    if (items !== undefined && !Array.isArray(items))
      throw new Error(`the answer's "${f.items || "body"}" is not a list`);
    if (f.paging === "count" && typeof obj.count === "number") return { count: obj.count };
    count += (items as unknown[] | undefined)?.length ?? 0;
    token = f.paging === "token" && typeof obj.next_page_token === "string" ? obj.next_page_token : undefined;
    if (!token) return { count };
  }
  return { count, atLeast: true };
}

/**
 * The inventory: the replicated kinds (their counts) and every family the export leaves out, counted
 * through the export's client (pacing and retries apply). A family whose list call fails is unknown with
 * the error's code, never 0; the inventory never fails the export (only an interruption stops it).
 */
export async function takeInventory(
  client: DatabricksClient,
  counts: Manifest["counts"],
  signal?: AbortSignal,
  unavailable: readonly { kind: string; reason: string }[] = [],
): Promise<InventoryEntry[]> {
  const out: InventoryEntry[] = Object.entries(counts).map(([kind, n]) => ({
    family: kind,
    count: n ?? 0,
    status: "replicated" as const,
  }));
  // A replicated kind the workspace does not offer (Unity Catalog not enabled, no metastore assigned, a
  // feature off): unknown with the listing's reason, never 0.
  for (const u of unavailable)
    out.push({ family: u.kind, count: null, status: "unknown", reason: client.redact(u.reason) });
  for (const f of INVENTORY_FAMILIES) {
    if (!f.path) {
      out.push({
        family: f.family,
        count: null,
        status: "unknown",
        reason: `no list call in the REST API; ${NOT_SUPPORTED}`,
      });
      continue;
    }
    try {
      const { count, atLeast } = await countFamily(client, f, signal);
      out.push({
        family: f.family,
        count,
        ...(atLeast ? { atLeast } : {}),
        status: "not-replicated",
        reason: NOT_SUPPORTED,
      });
    } catch (e) {
      if (e instanceof AbortedError || signal?.aborted) throw e;
      const why = e instanceof ApiError ? e.errorCode : e instanceof Error ? e.message : String(e);
      out.push({ family: f.family, count: null, status: "unknown", reason: client.redact(why) });
    }
  }
  return out;
}
