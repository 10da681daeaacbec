import { Rng } from "../rng";
import { Obj } from "./types";

/**
 * One Unity Catalog metastore and everything in it, each object in its API response shape, keyed by
 * its (lower-case) full name. Grants are own (direct) privileges per securable and principal.
 */
export class Metastore {
  readonly storageCredentials = new Map<string, Obj>();
  readonly externalLocations = new Map<string, Obj>();
  readonly connections = new Map<string, Obj>();
  readonly catalogs = new Map<string, Obj>();
  /** `catalog.schema` */
  readonly schemas = new Map<string, Obj>();
  /** `catalog.schema.table` (views too) */
  readonly tables = new Map<string, Obj>();
  readonly volumes = new Map<string, Obj>();
  readonly functions = new Map<string, Obj>();
  /** Delta Sharing: shares (with their objects and recipients' privileges) and recipients, by name. */
  readonly shares = new Map<string, Obj>();
  readonly sharePermissions = new Map<string, Map<string, string[]>>();
  readonly recipients = new Map<string, Obj>();
  /** `<securable type>/<full name>` → principal → privileges, in the order granted. */
  readonly grants = new Map<string, Map<string, string[]>>();
  /** `<securable type>/<name>` → workspace id → BINDING_TYPE_READ_WRITE | BINDING_TYPE_READ_ONLY */
  readonly bindings = new Map<string, Map<string, string>>();

  constructor(readonly info: Obj) {}

  get id(): string {
    return String(this.info.metastore_id);
  }
}

/** The Unity Catalog side of the workspace: the account's metastores and which one each workspace uses. */
export class UcState {
  /** UC ids come from their own generator, so adding UC objects moves no other generated id. */
  readonly rng = new Rng(0x0c47a106);
  /** This workspace's id, as the assignment and bindings APIs name it. */
  workspaceId = "1234567890123456";
  /** The workspace's region (a metastore must be in it to be assigned), when known. */
  workspaceRegion: string | undefined = "eastus2";
  readonly metastores = new Map<string, Metastore>();
  /** workspace id → { metastore_id, default_catalog_name } */
  readonly assignments = new Map<string, { metastore_id: string; default_catalog_name?: string }>();
  /**
   * As the reference warns ("a page may contain zero results while still providing a next_page_token"),
   * paginated listings spanning pages answer one empty page with a token first. Off: plain pages.
   */
  emptyPages = true;
  /**
   * The reference announces that unpaginated calls (no max_results) to catalogs, schemas, tables,
   * functions, grants, external locations, storage credentials, connections, metastores and bindings
   * "will soon be rejected": true refuses them (400), as the service will. Default false: answered whole.
   */
  requirePaging = false;
  /** Seeds set a clock of their own while they build, so seeded objects carry the same times on every load. */
  clock: (() => number) | undefined;

  current(): Metastore | undefined {
    const a = this.assignments.get(this.workspaceId);
    return a ? this.metastores.get(a.metastore_id) : undefined;
  }
}
