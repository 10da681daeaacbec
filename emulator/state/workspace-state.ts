import { Rng } from "../rng";
import { AccountState } from "./account-state";
import { MlflowState } from "./mlflow-state";
import { UcState } from "./uc-state";
import { WorkspaceTree, WsNode } from "./tree";
import { Obj } from "./types";

/** One own (not inherited) grant, as PUT/PATCH bodies spell it. */
export interface AclEntry {
  user_name?: string;
  group_name?: string;
  service_principal_name?: string;
  permission_level: string;
}

export interface SecretKey {
  key: string;
  last_updated_timestamp: number;
  /** Write-only: kept so the emulator behaves like a store, never put in any response. */
  value?: Buffer;
}

export interface SecretScope {
  /** The scopes/list entry: name, backend_type, keyvault_metadata. */
  meta: Obj;
  keys: Map<string, SecretKey>;
  /** principal → READ | WRITE | MANAGE */
  acls: Map<string, string>;
}

export interface DbfsEntry {
  path: string;
  is_dir: boolean;
  modification_time?: number;
  data?: Buffer;
}

/** A list body loaded verbatim from a DIR seed: served as-is until the family is written to. */
export interface VerbatimList {
  raw: string;
  items: Obj[];
  /** The key of the array in the body (`jobs`, `clusters`, ...). */
  key: string;
}

export type ContentGenerator = (node: WsNode) => Buffer;

/**
 * The live in-memory workspace. Objects are kept in API response shape; derived parts (inherited
 * permissions, a user's groups, list pages) are computed when served.
 */
export class WorkspaceState {
  readonly rng: Rng;
  /** Who "the caller" is: creator of what the API creates. */
  currentUser = "admin@example.com";

  readonly users = new Map<string, Obj>();
  readonly groups = new Map<string, Obj>();
  readonly servicePrincipals = new Map<string, Obj>();

  readonly tree = new WorkspaceTree();
  /** Repos by id, in repos API shape (id, path, url, provider, branch, head_commit_id). */
  readonly repos = new Map<number, Obj>();

  readonly clusters = new Map<string, Obj>();
  /** cluster id → time (ms) when a PENDING/RESTARTING cluster becomes RUNNING. */
  readonly clusterTransitions = new Map<string, number>();
  /** How long a created or started cluster stays PENDING. */
  clusterStartMs = 1000;
  readonly policies = new Map<string, Obj>();
  readonly pools = new Map<string, Obj>();
  /** cluster id → libraries/cluster-status body. */
  readonly libraries = new Map<string, Obj>();
  readonly jobs = new Map<number, Obj>();
  readonly globalInitScripts = new Map<string, Obj>();
  readonly warehouses = new Map<string, Obj>();
  readonly pipelines = new Map<string, Obj>();
  /** Model serving endpoints by name (emulator/routes/serving-endpoints.ts). */
  readonly servingEndpoints = new Map<string, Obj>();
  readonly instanceProfiles: Obj[] = [];
  readonly dbfs = new Map<string, DbfsEntry>();
  /** Streaming DBFS uploads (create / add-block / close). */
  readonly dbfsHandles = new Map<number, { path: string; chunks: Buffer[] }>();
  readonly secretScopes = new Map<string, SecretScope>();
  /** Personal access tokens made with token/create, by value (they authenticate like the emulator's own). */
  readonly tokens = new Map<string, Obj>();
  /** What a DIR seed skipped or changed while loading (also printed as warnings). */
  readonly loadWarnings: string[] = [];
  /** clusters/events: what happened to each cluster, oldest first. */
  readonly clusterEvents = new Map<string, Obj[]>();
  workspaceConf: Record<string, string | null> = {};
  /** Databricks SQL objects by API collection (`preview/sql/queries`, `sql/alerts`, ...), then id. */
  readonly sqlObjects = new Map<string, Map<string, Obj>>();
  /** Legacy SQL permissions bodies, keyed `queries/<id>`, `dashboards/<id>`, `alerts/<id>`. */
  readonly sqlAcls = new Map<string, Obj>();

  /** The account the workspace belongs to (account-level APIs: Managed Disaster Recovery). */
  account = new AccountState();
  /** Unity Catalog: the metastores and this workspace's assignment. */
  readonly uc = new UcState();
  /** MLflow experiments, runs, registered models and their versions (emulator/routes/mlflow.ts). */
  readonly mlflow = new MlflowState();

  /** Own grants per permissions object, keyed `jobs/14`, `notebooks/<object id>`, `authorization/tokens`. */
  readonly acls = new Map<string, AclEntry[]>();
  /** Permission bodies loaded verbatim (DIR seeds), keyed like `acls`; dropped on the first write. */
  readonly permissionsRaw = new Map<string, Obj>();
  /** List bodies loaded verbatim, keyed by family (`jobs`, `clusters`, ...). */
  readonly verbatimLists = new Map<string, VerbatimList>();
  /** Original text of objects loaded verbatim: served byte for byte while the object is unchanged. */
  readonly raw = new WeakMap<object, string>();
  /** Secret key listings loaded verbatim, per scope. */
  readonly verbatimSecretKeys = new Map<string, string>();

  /** Makes content for nodes whose bytes are generated on demand (large seeds). */
  contentGenerator: ContentGenerator = () => Buffer.alloc(0);

  private lastTime = 0;
  private nextObjectId = 1_000_000_000_000_000;
  private nextJobId = 100_000_000_000_000;
  private nextScimId = 7_000_000_000_000_000;
  private nextHandle = 1;

  constructor(seed = 1) {
    this.rng = new Rng(seed);
  }

  /** Wall clock in ms, strictly increasing so every write gets a newer `modified_at`. */
  now(): number {
    const t = Math.max(Date.now(), this.lastTime + 1);
    this.lastTime = t;
    return t;
  }

  objectId(): number {
    while (this.tree.byId.has(this.nextObjectId) || this.repos.has(this.nextObjectId)) this.nextObjectId++;
    return this.nextObjectId++;
  }
  jobId(): number {
    while (this.jobs.has(this.nextJobId)) this.nextJobId++;
    return this.nextJobId++;
  }
  scimId(): string {
    const taken = (id: string) => this.users.has(id) || this.groups.has(id) || this.servicePrincipals.has(id);
    while (taken(String(this.nextScimId))) this.nextScimId++;
    return String(this.nextScimId++);
  }
  handle(): number {
    return this.nextHandle++;
  }
  hexId(len: number, upper = false): string {
    const h = this.rng.hex(len);
    return upper ? h.toUpperCase() : h;
  }
  clusterId(): string {
    const d = new Date(this.now());
    const p = (n: number) => String(n).padStart(2, "0");
    const word = this.rng.pick(["abcde123", "fjord42", "tern77", "oak913", "lynx55", "quartz8"]);
    return `${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}-${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}-${word}${this.rng.hex(4)}`;
  }

  /** Marks an object as changed: it is no longer served from its verbatim text. */
  touch<T extends object>(obj: T): T {
    this.raw.delete(obj);
    return obj;
  }

  /** Content of a workspace node (generated on demand for large seeds). */
  contentOf(node: WsNode): Buffer {
    if (node.content) return node.content;
    if (node.gen) return this.contentGenerator(node);
    return Buffer.alloc(0);
  }
  sizeOf(node: WsNode): number {
    return node.content ? node.content.length : (node.gen?.size ?? 0);
  }

  /** Drops a verbatim list once its family changes, so lists are derived from the objects again. */
  dropVerbatimList(family: string): void {
    this.verbatimLists.delete(family);
  }
}
