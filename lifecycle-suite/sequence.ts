/**
 * One seeded sequence: a primary (the emulator's `sample`) and an empty secondary; each step changes the
 * primary (or the stack's config, or where the checkout is), exports it and runs `pulumi up` through the
 * round trip (creates and updates, then deletes of what left the program), checks the secondary against the
 * primary, and runs the same `pulumi up` again, which must change nothing.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Rng } from "../emulator/rng";
import {
  applyStack,
  clientFor,
  DEFAULT_TOKEN,
  Endpoint,
  exportWorkspace,
  StackResult,
  StackState,
  startWorkspace,
} from "../roundtrip";
import type { ApplyOptions } from "../roundtrip";
import { readSnapshot } from "../snapshot/reader";
import { checkStep, Identity, Tracker } from "./checks";
import { MUTATIONS } from "./mutations";
import { sampleUcValues } from "../roundtrip/sample-uc-values";

export interface SequenceOptions {
  seed: number;
  /** Steps after the first sync (default 4). */
  steps?: number;
  /** Test hook: change what the stack registers (e.g. break adoption on purpose). */
  tamper?: ApplyOptions["tamper"];
  /** Keep the snapshots (default: removed). */
  keep?: boolean;
  /** Instead of random steps: these, in order (tests). The first sync uses `initial`. */
  script?: ScriptStep[];
  initial?: Partial<StepConfig>;
  /** Kinds the stack is configured to leave out (`excludeKinds`; verify then expects them missing). */
  excludeKinds?: readonly string[];
}

interface StepConfig {
  granularity: Record<string, number>;
  prune: boolean;
  activation: boolean;
}
export type ScriptStep =
  | { granularity: Record<string, number> }
  | { prune: boolean }
  | { activation: boolean }
  | { mutation: keyof typeof MUTATIONS }
  /** The checkout moves, with a primary change (or this granularity) in the same step. */
  | { moveCheckout: true; granularity?: Record<string, number> };

export interface SequenceResult {
  seed: number;
  steps: number;
  violations: string[];
  log: string[];
}

/** Thresholds around the sample's sizes (5 jobs, 5 users, 3 groups, a dozen notebooks): crossings happen. */
function granularity(rng: Rng): Record<string, number> {
  return {
    jobsPerObjectMax: 2 + rng.int(6),
    jobBatchSize: 1 + rng.int(4),
    usersPerObjectMax: 3 + rng.int(6),
    userBatchSize: 1 + rng.int(3),
    groupsPerObjectMax: 1 + rng.int(4),
    groupBatchSize: 1 + rng.int(2),
    aclsPerObjectMax: 1 + rng.int(5),
    aclBatchSize: 1 + rng.int(3),
    notebooksPerObjectMax: 8 + rng.int(30),
    treeSize: 3 + rng.int(8),
  };
}

const REPO_ROOT = path.resolve(__dirname, "..");

/**
 * The checkout moved: the old state's serialized providers name the checkout they were written from, now
 * gone (a CI agent's directory, another laptop). Pulumi diffs and deletes with them.
 */
export function moveCheckout(state: StackState, to: string): StackState {
  const out: StackState = new Map();
  for (const [k, v] of state) {
    const p = v.inputs.__provider;
    if (typeof p !== "string") out.set(k, v);
    else {
      const moved = p.split(JSON.stringify(REPO_ROOT).slice(1, -1)).join(to);
      out.set(k, {
        ...v,
        inputs: { ...v.inputs, __provider: moved },
        outputs: { ...v.outputs, __provider: moved },
      });
    }
  }
  return out;
}

export async function runSequence(opts: SequenceOptions): Promise<SequenceResult> {
  const rng = new Rng(opts.seed * 2654435761 + 7);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `dbdr-lc-${opts.seed}-`));
  const primary = await startWorkspace("sample", { token: DEFAULT_TOKEN });
  const secondary = await startWorkspace("empty", { token: DEFAULT_TOKEN });
  const p: Endpoint = { url: primary.url, token: DEFAULT_TOKEN };
  const target: Endpoint = { url: secondary.url, token: DEFAULT_TOKEN };
  const client = clientFor(p);
  const violations: string[] = [];
  const log: string[] = [];
  let counter = 0;
  const config: StepConfig = {
    granularity: granularity(rng),
    prune: rng.int(2) === 0,
    activation: rng.int(4) === 0,
    ...opts.initial,
  };
  const values = () => ({
    granularity: JSON.stringify(config.granularity),
    prune: String(config.prune),
    activation: String(config.activation),
    // The sample's Unity Catalog: its secondary metastore, connector and storage map.
    ...sampleUcValues(),
    ...(opts.excludeKinds?.length ? { excludeKinds: opts.excludeKinds.join(",") } : {}),
  });
  let state: StackState | undefined;
  let steps = 0;
  try {
    const baseline = path.join(dir, "baseline");
    await exportWorkspace(target, baseline);
    const tracker = new Tracker(baseline);
    let identity: Identity | undefined;
    const total = opts.script?.length ?? opts.steps ?? 4;
    const snapDir = path.join(dir, "primary");
    for (let step = 0; step <= total; step++) {
      let what = `first sync (${JSON.stringify(values())})`;
      if (step > 0) {
        const snap = readSnapshot(snapDir);
        const scripted = opts.script?.[step - 1];
        const kind = scripted
          ? "granularity" in scripted && !("moveCheckout" in scripted)
            ? 0
            : "prune" in scripted
              ? 1
              : "activation" in scripted
                ? 2
                : "moveCheckout" in scripted
                  ? 3
                  : 4
          : rng.int(10);
        if (kind === 0) {
          config.granularity =
            (scripted && "granularity" in scripted && scripted.granularity) || granularity(rng);
          what = `granularity ${JSON.stringify(config.granularity)}`;
        } else if (kind === 1) {
          config.prune = !config.prune;
          what = `prune ${config.prune}`;
        } else if (kind === 2) {
          config.activation = !config.activation;
          what = `activation ${config.activation}`;
        } else {
          // A moved checkout comes with a change of the primary: the run then diffs, updates and deletes
          // with providers serialized from a path that is gone.
          const moved = kind === 3 && state;
          if (moved)
            state = moveCheckout(state!, path.join(os.tmpdir(), `moved-checkout-${opts.seed}-${step}`));
          const names =
            scripted && "mutation" in scripted
              ? [scripted.mutation]
              : moved
                ? ["removeJob", "removeNotebook", "renameNotebook", "addJobs", "addUsers"]
                : Object.keys(MUTATIONS);
          let done: string | undefined;
          if (scripted && "moveCheckout" in scripted && scripted.granularity) {
            config.granularity = scripted.granularity;
            done = `granularity ${JSON.stringify(config.granularity)}`;
          }
          for (let tries = 0; tries < 5 && !done; tries++)
            done = await MUTATIONS[rng.pick(names)]({ client, snap, rng, next: () => ++counter });
          what = `${moved ? "checkout moved, " : ""}${done ?? "no change"}`;
        }
      }
      // The snapshot path stays (config snapshotPath, e.g. dr-snapshot/primary): each export replaces it, as
      // a CI run's checkout does; old state's deletes read the same path.
      const fresh = path.join(dir, `export-${step}`);
      await exportWorkspace(p, fresh);
      fs.rmSync(snapDir, { recursive: true, force: true });
      fs.renameSync(fresh, snapDir);
      const run = async (s: StackState | undefined): Promise<StackResult> =>
        applyStack({ snapshotPath: snapDir, target, values: values(), state: s, tamper: opts.tamper });
      const first = await run(state);
      const second = await run(first.state);
      state = second.state;
      steps++;
      const out = path.join(dir, `s${step}`);
      await exportWorkspace(target, out);
      const found = checkStep({
        step,
        what,
        primaryDir: snapDir,
        secondaryDir: out,
        secondary,
        config: first.config,
        first,
        second,
        tracker,
        previous: identity,
      });
      identity = found.identity;
      log.push(
        `step ${step}: ${what}${found.violations.length ? ` -> ${found.violations.length} violation(s)` : ""}`,
      );
      violations.push(...found.violations.map((v) => `seed ${opts.seed} step ${step} (${what}): ${v}`));
      if (found.violations.length) break;
    }
  } finally {
    await primary.close();
    await secondary.close();
    if (!opts.keep) fs.rmSync(dir, { recursive: true, force: true });
  }
  return { seed: opts.seed, steps, violations, log };
}
