import type { DatabricksClient, Query } from "./client";

type Obj = Record<string, unknown>;
const arr = (v: unknown): Obj[] => (Array.isArray(v) ? (v as Obj[]) : []);

/** A page loop that stops itself: a server repeating a page token would otherwise keep us forever. */
function guardToken(seen: Set<string>, token: string, where: string): void {
  if (seen.has(token)) throw new Error(`${where}: the server repeated page token "${token}"`);
  seen.add(token);
}

/**
 * SCIM lists (Users, Groups, ServicePrincipals): 1-based `startIndex` + `count`. Stops when the next index is
 * past `totalResults`, when a page is empty, or when a page brings nothing new (a server that ignores
 * startIndex would otherwise loop forever).
 */
export async function listScim(
  client: DatabricksClient,
  path: string,
  opts: { count?: number; filter?: string; attributes?: string; excludedAttributes?: string } = {},
): Promise<Obj[]> {
  // SCIM pages by offset: an object deleted between two page reads shifts every later one up a place, and
  // the one that crosses the page boundary is on no page read. totalResults changing between pages tells
  // us; the listing then starts over, and the last attempt reads overlapping pages and dedupes by id.
  const seenBefore = new Map<string, Obj>();
  for (let attempt = 0; ; attempt++) {
    const last = attempt >= SCIM_RELISTS;
    const pass = await scimPass(client, path, opts, last ? SCIM_OVERLAP : 0, !last);
    if (pass.stable || last) {
      // Seen by an earlier pass, absent now: deleted while we listed. Returned marked, so the caller can say so.
      const now = new Set(pass.items.map(scimKey));
      const gone = [...seenBefore].filter(([k]) => !now.has(k)).map(([, r]) => r);
      gone.forEach((r) => VANISHED.add(r));
      return [...pass.items, ...gone];
    }
    for (const r of pass.items) seenBefore.set(scimKey(r), r);
  }
}

/** SCIM objects seen in one listing pass and gone from the next: deleted during the export. */
const VANISHED = new WeakSet<Obj>();
export function vanishedDuringListing(o: Obj): boolean {
  return VANISHED.has(o);
}

const scimKey = (r: Obj) => (typeof r.id === "string" ? r.id : JSON.stringify(r));

const SCIM_RELISTS = 3;
const SCIM_OVERLAP = 10;

async function scimPass(
  client: DatabricksClient,
  path: string,
  opts: { count?: number; filter?: string; attributes?: string; excludedAttributes?: string },
  overlap: number,
  stopWhenUnstable: boolean,
): Promise<{ items: Obj[]; stable: boolean }> {
  const count = opts.count ?? 100;
  const out: Obj[] = [];
  const seen = new Set<string>();
  let startIndex = 1;
  let firstTotal: number | undefined;
  let stable = true;
  for (;;) {
    const page = await client.get<Obj>(path, {
      startIndex,
      count,
      filter: opts.filter,
      attributes: opts.attributes,
      excludedAttributes: opts.excludedAttributes,
    });
    const total = typeof page.totalResults === "number" ? page.totalResults : undefined;
    if (firstTotal === undefined) firstTotal = total;
    else if (total !== firstTotal) {
      stable = false;
      if (stopWhenUnstable) return { items: out, stable };
    }
    const resources = arr(page.Resources);
    if (resources.length === 0) break;
    let fresh = 0;
    for (const r of resources) {
      const id = scimKey(r);
      if (seen.has(id)) continue;
      seen.add(id);
      out.push(r);
      fresh++;
    }
    if (fresh === 0) break;
    startIndex += Math.max(1, resources.length - overlap);
    if (total !== undefined ? startIndex > total : resources.length < count) break;
  }
  return { items: out, stable };
}

/**
 * `next_page_token` lists: clusters 2.1 (`page_token`), SQL warehouses (`page_token`), repos (the request
 * parameter is itself named `next_page_token`).
 */
export async function listWithPageToken(
  client: DatabricksClient,
  path: string,
  opts: { itemsKey: string | string[]; tokenParam?: string; query?: Query },
): Promise<Obj[]> {
  const keys = Array.isArray(opts.itemsKey) ? opts.itemsKey : [opts.itemsKey];
  const tokenParam = opts.tokenParam ?? "page_token";
  const out: Obj[] = [];
  const seen = new Set<string>();
  let token: string | undefined;
  for (;;) {
    const page = await client.get<Obj>(path, { ...opts.query, [tokenParam]: token });
    const key = keys.find((k) => Array.isArray(page[k]));
    out.push(...arr(key ? page[key] : undefined));
    const next = page.next_page_token;
    if (typeof next !== "string" || next === "") break;
    guardToken(seen, next, path);
    token = next;
  }
  return out;
}

/**
 * jobs/list: `limit` ≤ 100, `has_more` + `next_page_token` (offset, deprecated, when a server sends no
 * token). The list can name a job twice while jobs are being created: each job_id is kept once.
 */
export async function listJobs(
  client: DatabricksClient,
  opts: { limit?: number; expandTasks?: boolean; path?: string } = {},
): Promise<Obj[]> {
  const path = opts.path ?? "/api/2.1/jobs/list";
  const limit = Math.min(opts.limit ?? 100, 100);
  const out: Obj[] = [];
  const ids = new Set<string>();
  const seenTokens = new Set<string>();
  let token: string | undefined;
  let offset = 0;
  for (;;) {
    const page = await client.get<Obj>(path, {
      limit,
      expand_tasks: opts.expandTasks || undefined,
      page_token: token,
      offset: token === undefined && offset > 0 ? offset : undefined,
    });
    const jobs = arr(page.jobs);
    for (const j of jobs) {
      const id = String(j.job_id);
      if (ids.has(id)) continue;
      ids.add(id);
      out.push(j);
    }
    const next = page.next_page_token;
    if (typeof next === "string" && next !== "") {
      guardToken(seenTokens, next, path);
      token = next;
      continue;
    }
    if (page.has_more === true && jobs.length > 0 && token === undefined) {
      offset += jobs.length;
      continue;
    }
    break;
  }
  return out;
}

/** Arrays jobs 2.2 get returns in pages of 100 when a job has more. */
export const JOB_PAGED_ARRAYS = ["tasks", "job_clusters", "environments", "parameters"] as const;

/**
 * jobs/get 2.2: a job with more than 100 tasks (or job clusters, environments, parameters) comes in pages
 * linked by `next_page_token`; the pages' arrays are merged in order into one settings object.
 */
export async function getJob(client: DatabricksClient, jobId: string | number): Promise<Obj> {
  const path = "/api/2.2/jobs/get";
  const first = await client.get<Obj>(path, { job_id: String(jobId) });
  const settings = (first.settings && typeof first.settings === "object" ? first.settings : {}) as Obj;
  const seen = new Set<string>();
  let next = first.next_page_token;
  while (typeof next === "string" && next !== "") {
    guardToken(seen, next, `${path} job ${jobId}`);
    const page = await client.get<Obj>(path, { job_id: String(jobId), page_token: next });
    const more = (page.settings ?? {}) as Obj;
    for (const k of JOB_PAGED_ARRAYS) {
      const extra = arr(more[k]);
      if (extra.length) settings[k] = [...arr(settings[k]), ...extra];
    }
    next = page.next_page_token;
  }
  const { next_page_token: _drop, ...rest } = first;
  return { ...rest, settings };
}
