import { Rng } from "../rng";
import { Obj } from "./types";

/** A workspace the account holds, as the disaster-recovery API needs to know it (region, tier). */
export interface AccountWorkspace {
  workspace_id: string;
  workspace_name: string;
  /** Azure region, e.g. `eastus2`. */
  region: string;
  /** Managed DR takes only Mission Critical workspaces (the API reference says so). */
  pricing_tier: "MISSION_CRITICAL" | "PREMIUM" | "STANDARD";
}

/** What an emulator is started with on the account side (`startEmulator({ account })`). */
export interface AccountSeed {
  accountId?: string;
  workspaces?: AccountWorkspace[];
  /** How long a created failover group stays CREATING, then INITIAL_REPLICATION (ms each; default 0). */
  createMs?: number;
  /** How long a failover stays FAILING_OVER before the new primary region takes effect (default 0). */
  failoverMs?: number;
}

export const DEFAULT_ACCOUNT_ID = "0d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6";
/** The default account: this emulator's workspace (primary region) and its secondary, both Mission Critical. */
export const DEFAULT_ACCOUNT_WORKSPACES: AccountWorkspace[] = [
  {
    workspace_id: "1234567890123456",
    workspace_name: "dr-primary",
    region: "eastus2",
    pricing_tier: "MISSION_CRITICAL",
  },
  {
    workspace_id: "6543210987654321",
    workspace_name: "dr-secondary",
    region: "centralus",
    pricing_tier: "MISSION_CRITICAL",
  },
];

/** A failover group as stored: the response body plus what the emulator needs to move it through its states. */
export interface FailoverGroupRecord {
  body: Obj;
  /** Pending transition: at `at` (ms) the group becomes `state` (and `region` the effective primary, if set). */
  pending: { at: number; state: string; region?: string; then?: { at: number; state: string } }[];
  version: number;
}

/**
 * The account the workspace belongs to: its workspaces, and the Managed Disaster Recovery objects
 * (`disaster-recovery/v1` failover groups and stable URLs), kept in the API's response shape.
 */
export class AccountState {
  accountId: string;
  /** Generated ids (stable URL connections) come from the account's own generator. */
  readonly rng = new Rng(0xacc0);
  readonly workspaces = new Map<string, AccountWorkspace>();
  /** By full resource name `accounts/<id>/failover-groups/<id>`. */
  readonly failoverGroups = new Map<string, FailoverGroupRecord>();
  /** By full resource name `accounts/<id>/stable-urls/<id>`; `workspace_id` is where the URL leads now. */
  readonly stableUrls = new Map<string, { body: Obj; workspace_id: string }>();
  createMs: number;
  failoverMs: number;
  /** Every failover the account went through, oldest first (tests and the fault suite read it). */
  readonly failovers: { name: string; from: string; to: string; at: number }[] = [];

  constructor(seed: AccountSeed = {}) {
    this.accountId = seed.accountId ?? DEFAULT_ACCOUNT_ID;
    for (const w of seed.workspaces ?? DEFAULT_ACCOUNT_WORKSPACES)
      this.workspaces.set(String(w.workspace_id), { ...w, workspace_id: String(w.workspace_id) });
    this.createMs = seed.createMs ?? 0;
    this.failoverMs = seed.failoverMs ?? 0;
  }

  /** Applies the transitions whose time has come, so every read sees the group as it is at `now`. */
  settle(rec: FailoverGroupRecord, now: number): void {
    while (rec.pending.length && rec.pending[0].at <= now) {
      const step = rec.pending.shift()!;
      rec.body.state = step.state;
      if (step.region) {
        const from = String(rec.body.effective_primary_region);
        rec.body.effective_primary_region = step.region;
        this.failovers.push({ name: String(rec.body.name), from, to: step.region, at: step.at });
        this.repointStableUrls(rec.body);
      }
      rec.body.update_time = new Date(step.at).toISOString();
      this.bump(rec);
    }
    if (rec.body.state === "ACTIVE" || rec.body.state === "FAILING_OVER")
      rec.body.replication_point = new Date(now).toISOString();
  }

  bump(rec: FailoverGroupRecord): void {
    rec.version++;
    rec.body.etag = etagOf(String(rec.body.name), rec.version);
  }

  /** The workspace of a set in a region (each set has one per region; create validates it). */
  workspaceIn(set: Obj, region: string): AccountWorkspace | undefined {
    return (set.workspace_ids as string[])
      .map((id) => this.workspaces.get(String(id)))
      .find((w) => w?.region === region);
  }

  /** The primary workspace of every set of a group, by set name: where its stable URLs lead. */
  primaries(group: Obj): Record<string, string | undefined> {
    const out: Record<string, string | undefined> = {};
    for (const set of (group.workspace_sets ?? []) as Obj[])
      out[set.name] = this.workspaceIn(set, String(group.effective_primary_region))?.workspace_id;
    return out;
  }

  /** Stable URLs of the group's sets lead to the set's workspace in the effective primary region. */
  repointStableUrls(group: Obj): void {
    for (const set of (group.workspace_sets ?? []) as Obj[]) {
      const target = this.workspaceIn(set, String(group.effective_primary_region));
      for (const n of (set.stable_url_names ?? []) as string[]) {
        const su = this.stableUrls.get(n);
        if (!su) continue;
        su.body.failover_group_name = group.name;
        if (target) su.workspace_id = target.workspace_id;
      }
    }
  }
}

function etagOf(name: string, version: number): string {
  let h = 2166136261;
  for (const c of `${name}#${version}`) h = Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0;
  return `${version}-${h.toString(16).padStart(8, "0")}`;
}
