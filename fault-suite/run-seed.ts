import * as fs from "node:fs";
import * as path from "node:path";
import { DatabricksClient } from "../client";
import { startEmulator } from "../emulator";
import {
  applyMutation,
  eligibleTargets,
  FaultJournal,
  faultMiddleware,
  FaultKind,
  planFromSeed,
  PlanKnobs,
} from "../emulator/faults";
import { Rng } from "../emulator/rng";
import { putSecret, createScope } from "../emulator/routes/secrets";
import { WorkspaceState } from "../emulator/state/workspace-state";
import { runExport } from "../exporters/run";
import { ShrinkRefused } from "../exporters/shrink";
import { canonicalJson } from "../snapshot/canonical-json";
import { MANIFEST_FILE } from "../snapshot/layout";
import { checkInvariant, Loss } from "./invariant";
import { findLeaks, Leak, Planted } from "./leaks";
import { capturePrimary } from "./primary";
import { EnvFault, envFaultOf, fullDiskAt } from "./env-faults";
import {
  againstNotWorkspace,
  applyVerdicts,
  beforeExport,
  checkDiskFull,
  previousIntact,
  Recovery,
} from "./run-env";
import { SUITE_RETRY, SUITE_TIMEOUT_MS } from "./suite-client";
import { timeout, treeDigest } from "./tree-digest";

export { SUITE_RETRY, treeDigest };

export type WorkspaceKind = "sample" | "small";

/**
 * The generated workspace some seeds use instead of `sample`: every kind, a few of each, and users enough
 * for two SCIM pages (the exporter asks 100 at a time), so a user can leave between pages.
 */
export const SMALL_SIZES = { notebooks: 10, folders: 4, jobs: 5, clusters: 3, users: 130, groups: 3 };

/** The export's fixed date, so two runs of a seed write the same snapshot. */
const EXPORTED_AT = "2026-01-01T00:00:00.000Z";

export interface SeedOptions {
  /** Where each seed gets its own directory (removed afterwards unless `keep` or the seed failed). */
  workDir: string;
  keep?: boolean;
  knobs?: PlanKnobs;
  /** A run taking longer than this is a hang: a failure (default 60 s). */
  timeoutMs?: number;
  /** Forces the workspace (default: a quarter of the seeds use the small generated one). */
  workspace?: WorkspaceKind;
  /** The export under test (default `runExport`); tests pass broken ones to prove each check can fail. */
  exporter?: typeof runExport;
  /** Forces the environment fault (null: none); default `envFaultOf(seed)` unless the plan has an outage. */
  envFault?: EnvFault | null;
  /** After a commit crash, what the next run's start does (default the writer's); tests pass broken ones. */
  recovery?: Recovery;
}

export interface SeedResult {
  seed: number;
  workspace: WorkspaceKind;
  ms: number;
  /**
   * `planned-failure`: the plan made a listing unreadable, or pointed the export at a server that is no
   * workspace, or filled its disk, and the export gave up, as it should.
   */
  outcome: "ok" | "planned-failure" | "failed";
  losses: Loss[];
  crashes: string[];
  leaks: Leak[];
  previousDamaged: string[];
  hadPrevious: boolean;
  injected: Record<FaultKind, number>;
  persistentHits: number;
  mutations: number;
  /** The mutations applied, as `op target`. */
  mutationsApplied: string[];
  oversizePlanted: boolean;
  requests: number;
  checked: number;
  explained: number;
  unseen: number;
  skipped: number;
  /**
   * Objects skipped for a fault the plan meant to be transient: faults per request stay below the client's
   * retry budget, so such a skip means the retries gave up too early (explained, but lost all the same).
   */
  transientSkips: string[];
  /** Objects deleted before the run (present in the previous snapshot) that the new snapshot still holds. */
  stale: string[];
  /** Objects the export took from the previous snapshot instead of reading them. */
  reused: number;
  /** 429s with Retry-After that came back sooner than the client's (capped) wait. */
  retryAfterEarly: number;
  /** The environment fault of this seed (fault-suite/env-faults.ts), and whether it really happened. */
  envFault?: EnvFault["kind"];
  envInjected: boolean;
  /** Wrong outcomes of an environment fault: wrong error, unnamed path, visible partial work, ... */
  envViolations: string[];
  /** The shrink guard refused the new snapshot (then checked in its place, `.<name>.work/rejected`). */
  shrinkRefused?: boolean;
  /** Kept for a failed seed, to look at. */
  dir?: string;
}

export const workspaceOf = (seed: number): WorkspaceKind => (seed % 4 === 3 ? "small" : "sample");

/** A credential the emulator demands, drawn per seed: a PAT on odd seeds, an Entra ID-looking JWT on even ones. */
export function plantedToken(seed: number): string {
  const rng = new Rng(seed * 2654435761 + 11);
  if (seed % 2) return `dapi${rng.hex(32)}`;
  const part = (n: number) => Buffer.from(rng.hex(n)).toString("base64url");
  return `eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.${part(60)}.${part(40)}`;
}

/** Secret values the export must never write: planted per seed, next to the ones the seed workspace holds. */
function plantSecrets(state: WorkspaceState, seed: number): void {
  const rng = new Rng(seed * 40503 + 7);
  createScope(state, { scope: `fault-planted-${seed}`, initial_manage_principal: "users" });
  putSecret(state, `fault-planted-${seed}`, "db-password", Buffer.from(`PLANTED-${seed}-pw-${rng.hex(16)}`));
  putSecret(state, `fault-planted-${seed}`, "api-key", Buffer.from(`PLANTED-${seed}-key-${rng.hex(24)}`));
}

/** Every secret value the workspace holds (the seed's own included). */
function secretValues(state: WorkspaceState): Planted[] {
  const out: Planted[] = [];
  for (const [scope, s] of state.secretScopes)
    for (const [key, k] of s.keys)
      if (k.value) out.push({ label: `secret ${scope}/${key}`, value: k.value.toString() });
  return out;
}

interface Baseline {
  dir: string;
  digest: string;
}
const baselines = new Map<string, Promise<Baseline>>();

/** A clean export of the workspace, made once per process: the "previous snapshot" seeds start from. */
function baseline(workDir: string, workspace: WorkspaceKind): Promise<Baseline> {
  const key = `${workDir}\u0000${workspace}`;
  let b = baselines.get(key);
  if (!b) {
    b = (async () => {
      const token = "dapi00baseline00000000000000000000";
      const emu = await startEmulator({ ...emulatorWorkspace(workspace), rateLimits: false, token });
      // One per process: worker processes share the work dir, and each baseline names its own emulator's URL.
      const dir = path.join(workDir, `baseline-${workspace}-${process.pid}`, "snap");
      try {
        const client = new DatabricksClient({
          host: emu.url,
          auth: { token },
          limits: false,
          retry: SUITE_RETRY,
        });
        await runExport({ client, out: dir, exportedAt: EXPORTED_AT });
      } finally {
        await emu.close();
      }
      return { dir, digest: treeDigest(dir) };
    })();
    baselines.set(key, b);
  }
  return b;
}

function emulatorWorkspace(w: WorkspaceKind) {
  return w === "sample" ? { workspace: "sample" } : { workspace: "large", large: SMALL_SIZES };
}

/**
 * Changes since the previous snapshot, made before the export starts: one notebook edited, one added, one
 * job deleted. Returns the deleted job ids (as `job <id>`), which the new snapshot must not hold.
 */
function editSincePrevious(state: WorkspaceState, seed: number): string[] {
  const rng = new Rng(seed * 97 + 5);
  const notebooks = eligibleTargets(state, "delete-notebook");
  const nb = notebooks.length ? state.tree.get(rng.pick(notebooks)) : undefined;
  if (nb) {
    nb.content = Buffer.concat([state.contentOf(nb), Buffer.from(`\n# edited before run ${seed}\n`)]);
    delete nb.gen;
    nb.modified_at = state.now();
  }
  const now = state.now();
  state.tree.put({
    path: `/Shared/added-${seed}`,
    object_type: "NOTEBOOK",
    object_id: state.objectId(),
    language: "PYTHON",
    created_at: now,
    modified_at: now,
    content: Buffer.from(`# Databricks notebook source\nprint(${seed})\n`),
  });
  const gone = applyMutation(state, { op: "delete-job", atRequest: 0, pick: rng.next() }, -1);
  return gone.jobIds.map((id) => `job ${id}`);
}

/** Reasons that name a fault the client should have retried through. */
const TRANSIENT =
  /TEMPORARILY_UNAVAILABLE|INTERNAL_ERROR|REQUEST_LIMIT_EXCEEDED|token bucket|HTTP_50\d|upstream|truncated|terminated|ECONNRESET|fetch failed|timed out|unparseable/i;

/** Errors thrown outside the run's own promise chain (unhandled rejections) land on the running seed. */
let current: SeedResult | undefined;
let hooked = false;
function hookProcess(): void {
  if (hooked) return;
  hooked = true;
  const blame = (what: string) => (e: unknown) => {
    const line = `${what}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`;
    if (current) current.crashes.push(line);
    else process.stderr.write(`fault-suite: ${line}\n`);
  };
  process.on("unhandledRejection", blame("unhandled rejection"));
  process.on("uncaughtException", blame("uncaught exception"));
}

/**
 * One seed: an emulator with the seed's fault plan, planted token and secrets; `runExport` in-process into
 * a directory that may hold a previous snapshot; then the invariant, the previous snapshot's integrity
 * when the run failed, and a search for planted values in every file and every captured log line.
 */
export async function runSeed(seed: number, opts: SeedOptions): Promise<SeedResult> {
  hookProcess();
  const t0 = Date.now();
  const workspace = opts.workspace ?? workspaceOf(seed);
  const plan = planFromSeed(seed, { horizon: workspace === "small" ? 160 : 100, ...opts.knobs });
  const plannedOutage = plan.persistent.some((p) => p.scope === "listing");
  const hadPrevious = plannedOutage || seed % 3 !== 0;
  // A planned outage fails the run on its own: its seeds get no fault of the surroundings on top.
  const env =
    opts.envFault === undefined
      ? plannedOutage
        ? undefined
        : envFaultOf(seed)
      : (opts.envFault ?? undefined);
  const result: SeedResult = {
    seed,
    workspace,
    ms: 0,
    outcome: "ok",
    losses: [],
    crashes: [],
    leaks: [],
    previousDamaged: [],
    hadPrevious,
    injected: {} as Record<FaultKind, number>,
    persistentHits: 0,
    mutations: 0,
    mutationsApplied: [],
    oversizePlanted: !!plan.oversizeNotebook,
    requests: 0,
    checked: 0,
    explained: 0,
    unseen: 0,
    skipped: 0,
    retryAfterEarly: 0,
    transientSkips: [],
    stale: [],
    reused: 0,
    envFault: env?.kind,
    envInjected: false,
    envViolations: [],
  };
  current = result;
  const dir = path.join(opts.workDir, `seed-${seed}`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const out = path.join(dir, "snap");
  const logs: string[] = [];
  const token = plantedToken(seed);
  const mw = faultMiddleware(plan);
  let journal: FaultJournal = mw.journal;
  let planted: Planted[] = [{ label: "token", value: token }];
  try {
    const base = hadPrevious ? await baseline(opts.workDir, workspace) : undefined;
    const emu = await startEmulator({
      ...emulatorWorkspace(workspace),
      rateLimits: false,
      latencyMs: 0,
      token,
      seed,
      middlewares: [mw],
    });
    try {
      // The previous snapshot, as if this workspace had been exported before (same host): the export may
      // reuse what did not change since, and must notice what did.
      let before: string | undefined;
      let deletedBefore: string[] = [];
      if (base) {
        fs.cpSync(base.dir, out, { recursive: true });
        const mfile = path.join(out, MANIFEST_FILE);
        const manifest = JSON.parse(fs.readFileSync(mfile, "utf8"));
        manifest.source.host = emu.url;
        fs.writeFileSync(mfile, canonicalJson(manifest));
        before = treeDigest(out);
        // After a commit crash instead: the snapshot the checked run replaces may be the crashed child's.
        if (env?.kind !== "commit-crash") deletedBefore = editSincePrevious(emu.state, seed);
      }
      plantSecrets(emu.state, seed);
      mw.prepare(emu.state);
      planted = [...planted, ...secretValues(emu.state)];
      const log = (l: string) => logs.push(l);
      const ms = opts.timeoutMs ?? 60_000;
      const exporter = opts.exporter ?? runExport;
      const around = await beforeExport(env, {
        url: emu.url,
        token,
        out,
        before,
        seed,
        recovery: opts.recovery,
        ms,
        exportedAt: EXPORTED_AT,
        log,
        digest: treeDigest,
      });
      const verdicts = around.verdicts;
      before = around.before;
      if (base && env?.kind === "commit-crash") deletedBefore = editSincePrevious(emu.state, seed);
      // Taken once the run to check starts (after a crashed child's requests, for that fault).
      const primary = capturePrimary(emu.state);
      const clientFor = (h: string) =>
        new DatabricksClient({
          host: h,
          auth: { token },
          limits: false,
          retry: SUITE_RETRY,
          timeoutMs: SUITE_TIMEOUT_MS,
          log,
        });
      if (env?.kind === "not-workspace") {
        const run = (h: string) =>
          timeout(exporter({ client: clientFor(h), out, exportedAt: EXPORTED_AT, log }), ms, "runExport");
        verdicts.push(await againstNotWorkspace(env.answer, run, out, before, treeDigest));
        result.outcome = "planned-failure";
      } else {
        const client = clientFor(around.host);
        let failure: unknown;
        const disk = env?.kind === "disk-full" ? fullDiskAt(dir, env.atWrite) : undefined;
        try {
          const summary = await timeout(
            exporter({ client, out, exportedAt: EXPORTED_AT, log }),
            ms,
            "runExport",
          );
          result.skipped = summary.skipped.length;
          result.reused = summary.reused ?? 0;
          const targets = mw.journal.persistent.flatMap((p) => (p.param?.value ? [p.param.value] : []));
          result.transientSkips = summary.skipped
            .filter(
              (s) => TRANSIENT.test(s.reason) && !targets.some((t) => s.id === t || s.id.endsWith(`:${t}`)),
            )
            .map((s) => `${s.kind} ${s.id}: ${s.reason}`);
          logs.push(...summary.skipped.map((s) => `skipped ${s.kind} ${s.id}: ${s.reason}`));
        } catch (e) {
          failure = e;
          logs.push(`runExport failed: ${e instanceof Error ? e.message : String(e)}`);
        } finally {
          disk?.restore();
        }
        journal = mw.journal;
        const diskVerdict = disk && checkDiskFull(failure, disk.refused, dir, out, before, treeDigest);
        if (diskVerdict) verdicts.push(diskVerdict);
        if (around.needsRecoveryLog && !logs.some((l) => l.startsWith("recovered: ")))
          result.envViolations.push("the run that recovered the crashed commit did not log it");
        // The shrink guard held the new snapshot back (a folder deleted mid-run can empty a kind): right
        // when that one still passes the invariant (the primary really lost it all), the old one kept.
        const held = failure instanceof ShrinkRefused && !diskVerdict?.injected ? failure.review : undefined;
        if (held) {
          result.shrinkRefused = true;
          result.previousDamaged.push(...previousIntact(out, before, treeDigest));
        }
        if (failure === undefined || held) {
          const v = checkInvariant(primary, held ?? out, journal, deletedBefore);
          result.losses = v.losses;
          result.checked = v.checked;
          result.explained = v.explained;
          result.unseen = v.unseen;
          result.stale = v.stale;
          // A full disk's failure is checked above: the error, the previous snapshot, git's view.
        } else if (diskVerdict?.injected) result.outcome = "planned-failure";
        else {
          if (plannedOutage) result.outcome = "planned-failure";
          else
            result.crashes.push(
              `runExport threw: ${failure instanceof Error ? failure.message : String(failure)}`,
            );
          result.previousDamaged.push(...previousIntact(out, before, treeDigest));
        }
      }
      applyVerdicts(result, verdicts, out);
    } finally {
      await emu.close();
    }
  } catch (e) {
    result.crashes.push(`suite error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  }
  result.leaks = findLeaks([dir], logs, planted);
  result.injected = { ...journal.injected };
  result.persistentHits = journal.persistentHits;
  result.mutationsApplied = journal.mutations
    .filter((m) => m.target !== undefined)
    .map((m) => `${m.op} ${m.target}`);
  result.mutations = result.mutationsApplied.length;
  result.requests = journal.requests;
  const cap = SUITE_RETRY.maxRetryAfterMs;
  result.retryAfterEarly = journal.retryAfterGapsMs.filter(
    (g) => g < Math.min(cap, plan.retryAfterSeconds * 1000) - 2,
  ).length;
  const bad =
    result.losses.length ||
    result.crashes.length ||
    result.leaks.length ||
    result.previousDamaged.length ||
    result.envViolations.length;
  if (bad) result.outcome = "failed";
  if (bad || opts.keep) {
    result.dir = dir;
    fs.writeFileSync(path.join(dir, "logs.txt"), logs.join("\n") + "\n");
    fs.writeFileSync(path.join(dir, "journal.json"), JSON.stringify(journalForDisk(journal), null, 1));
  } else fs.rmSync(dir, { recursive: true, force: true });
  result.ms = Date.now() - t0;
  current = undefined;
  return result;
}

function journalForDisk(j: FaultJournal) {
  const sorted = (s: Set<string>) => [...s].sort();
  const { paths, jobIds, userNames } = j.revealed;
  return { ...j, revealed: { paths: sorted(paths), jobIds: sorted(jobIds), userNames: sorted(userNames) } };
}
