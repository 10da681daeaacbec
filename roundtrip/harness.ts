/**
 * The round trip: PRIMARY workspace -> export (snapshot P) -> the stack program under Pulumi's mocks, applied
 * to an EMPTY secondary workspace -> export of the secondary (snapshot S) -> verify P against S. Workspaces
 * are emulators on 127.0.0.1; the building blocks are exported for the cutover and failback flips.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { DatabricksClient } from "../client";
import { parseStackConfig } from "../components/config/parse";
import type { StackConfig } from "../components/config/schema";
import { runProgram, StackOutputs } from "../components/program";
import { RunningEmulator, startEmulator } from "../emulator";
import { writeSharedFixtures } from "../emulator/seeds/shared-fixtures";
import { ExportSummary, runExport } from "../exporters/run";
import { KIND_NAMES, KindName } from "../kinds/common";
import { readSnapshot } from "../snapshot/reader";
import { compareSnapshots, VerifyResult } from "../verify";
import { indexSnapshot } from "../verify/match";
import { applyingMocks, ApplyLog, ApplyOptions, StackState } from "./apply-mocks";
import { providerEnv } from "./dynamic";
import { partlyAppliedKeys } from "./uc-not-compared";
import { writeFixturesWorkspace } from "./fixtures-workspace";

/**
 * A workspace to start: the emulator's `sample`; `fixtures`, the workspace built from the shared fixtures
 * (roundtrip/fixtures-workspace.ts); `fixtures-raw`, the recorded bodies alone; `empty`; or a DIR.
 */
export type WorkspaceSeed = "sample" | "fixtures" | "fixtures-raw" | "empty" | (string & {});

/** A running workspace the harness talks to. */
export interface Endpoint {
  url: string;
  token: string;
}

export interface HarnessOptions {
  /** Bearer token the emulators require (default: a fixed test token). */
  token?: string;
  /** The emulators' published rate limits and the client's pacing (default false: as fast as possible). */
  rateLimits?: boolean;
  /** Fixed `exportedAt` for the snapshots (default now). */
  exportedAt?: string;
}

export const DEFAULT_TOKEN = "dapi-roundtrip-0000000000000000";

/** The config schema wants a real workspace (https, an Azure resource id); the emulator is http on loopback. */
const PLACEHOLDER_WORKSPACE = {
  url: "https://adb-0000000000000000.0.azuredatabricks.net",
  resourceId:
    "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/dr-roundtrip/providers/Microsoft.Databricks/workspaces/secondary",
};

/** Starts an emulated workspace on 127.0.0.1 (a `fixtures` DIR is written to a temporary folder, removed on close). */
export async function startWorkspace(
  seed: WorkspaceSeed,
  opts: HarnessOptions = {},
): Promise<RunningEmulator> {
  let workspace: string = seed;
  let tmp: string | undefined;
  if (seed === "fixtures" || seed === "fixtures-raw") {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "dbdr-fixtures-"));
    if (seed === "fixtures") writeFixturesWorkspace(tmp);
    else writeSharedFixtures(tmp);
    workspace = tmp;
  }
  const emu = await startEmulator({
    workspace,
    token: opts.token ?? DEFAULT_TOKEN,
    rateLimits: opts.rateLimits ?? false,
  });
  if (!tmp) return emu;
  const dir = tmp;
  return {
    ...emu,
    close: async () => {
      await emu.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function clientFor(ep: Endpoint, opts: HarnessOptions = {}): DatabricksClient {
  return new DatabricksClient({
    host: ep.url,
    auth: { token: ep.token },
    ...(opts.rateLimits ? {} : { limits: false as const }),
  });
}

export function exportWorkspace(
  ep: Endpoint,
  out: string,
  opts: HarnessOptions = {},
): Promise<ExportSummary> {
  return runExport({ client: clientFor(ep, opts), out, exportedAt: opts.exportedAt });
}

export interface StackRun extends HarnessOptions {
  snapshotPath: string;
  /** The secondary workspace the stack writes to (existing-workspace mode). */
  target: Endpoint;
  /** More `databricks-dr:` config values as `pulumi config` holds them (activation, granularity, secrets...). */
  values?: Record<string, string>;
  /** Pulumi stack name (default secondary). */
  stack?: string;
  /** State of a previous run on the same target: resources are updated, as by a second `pulumi up`. */
  state?: StackState;
  tamper?: ApplyOptions["tamper"];
}

export interface StackResult {
  config: StackConfig;
  outputs: StackOutputs;
  log: ApplyLog;
  state: StackState;
  seconds: number;
}

/**
 * `pulumi up` of the stack program in existing-workspace mode against `target`, under Pulumi's runtime mocks
 * whose newResource applies every resource to the workspace. One run at a time per process (the mocks are
 * process-wide).
 */
export async function applyStack(run: StackRun): Promise<StackResult> {
  const started = Date.now();
  const client = clientFor(run.target, run);
  const applying = applyingMocks({ client, state: run.state, tamper: run.tamper });
  const { mocks, log, state } = applying;
  const stack = run.stack ?? "secondary";
  await pulumi.runtime.setMocks(mocks, "databricks-dr", stack, false);
  observeRegistrations(applying.registered);
  const config = parseStackConfig({
    project: "databricks-dr",
    stack,
    values: {
      role: "secondary",
      snapshotPath: run.snapshotPath,
      existingWorkspace: JSON.stringify(PLACEHOLDER_WORKSPACE),
      // The emulator sees the round trip's calls from 127.0.0.1: the deploying runner's address, allowed
      // by the stack's own IP access list (README "IP access lists").
      secondaryIpAddresses: "127.0.0.1",
      ...run.values,
    },
    secretKeys: new Set(["secrets"]),
  });
  config.existingWorkspace = { ...config.existingWorkspace!, url: run.target.url };
  // Dynamic resources authenticate from the environment, as under `pulumi up` (never from state).
  const restore = setTokenEnv(run.target.token);
  try {
    const outputs = await runProgram(config);
    await (pulumi.runtime as unknown as { waitForRPCs(): Promise<void> }).waitForRPCs();
    // Then, as `pulumi up` does last: the resources that left the program are deleted.
    await applying.finish();
    return { config, outputs, log, state, seconds: (Date.now() - started) / 1000 };
  } finally {
    restore();
  }
}

/**
 * The mocks' newResource is not told a resource's options: the registration request is (retainOnDelete),
 * so the mock monitor's registerResource is wrapped to pass it on.
 */
function observeRegistrations(registered: (type: string, name: string, retain: boolean) => void): void {
  type Req = { getType(): string; getName(): string; getRetainondelete(): boolean | undefined };
  const monitor = pulumi.runtime.getMonitor() as unknown as {
    registerResource(req: Req, cb: unknown): unknown;
  };
  const original = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req, cb) => {
    registered(req.getType(), req.getName(), req.getRetainondelete() ?? false);
    return original(req, cb);
  };
}

/**
 * Sets DATABRICKS_DR_TOKEN for the dynamic providers, in this process's environment and in the one their
 * serialized text runs in (not the same under a test sandbox such as jest's).
 */
function setTokenEnv(token: string): () => void {
  const envs = [...new Set([process.env, providerEnv()])];
  const before = envs.map((e) => e.DATABRICKS_DR_TOKEN);
  for (const e of envs) e.DATABRICKS_DR_TOKEN = token;
  return () =>
    envs.forEach((e, i) => {
      if (before[i] === undefined) delete e.DATABRICKS_DR_TOKEN;
      else e.DATABRICKS_DR_TOKEN = before[i];
    });
}

/** Kinds the stack's config leaves out: verify expects them missing. */
export function excludedKinds(config: StackConfig): KindName[] {
  const f = config.filters;
  return KIND_NAMES.filter(
    (k) => (f.includeKinds && !f.includeKinds.includes(k)) || f.excludeKinds?.includes(k),
  );
}

/**
 * Objects a fresh workspace holds before the stack writes anything (the deploying admin, built-in groups,
 * /Users, /Shared...) that the primary's export does not have: not the stack's doing, shown apart by verify.
 */
export function preExistingKeys(primaryDir: string, baselineDir: string): string[] {
  const p = indexSnapshot(readSnapshot(primaryDir)).byKey;
  const b = indexSnapshot(readSnapshot(baselineDir)).byKey;
  return KIND_NAMES.flatMap((k) =>
    [...b[k].keys()].filter((key) => !p[k].has(key)).map((key) => `${k}:${key}`),
  );
}

export function verifyRoundTrip(
  primaryDir: string,
  secondaryDir: string,
  config: StackConfig,
  preExisting: string[] = [],
): VerifyResult {
  return compareSnapshots(readSnapshot(primaryDir), readSnapshot(secondaryDir), {
    mode: config.activation ? "active" : "passive",
    clusterStartPolicy: config.clusterStartPolicy,
    expectMissingKinds: excludedKinds(config),
    ignore: preExisting,
    nodeTypeMap: config.nodeTypeMap,
    // Storage locations rewritten by the map are expected only where the map gives exactly that URL.
    storageMap: config.storageMap,
  });
}

export interface RoundTripOptions extends HarnessOptions {
  /** The primary: a workspace to start, or one already running (the activated secondary, for failback). */
  primary: WorkspaceSeed | Endpoint;
  /** Where the snapshots go: primary/, baseline/, secondary/ (created). */
  dir: string;
  values?: Record<string, string>;
  stack?: string;
  tamper?: ApplyOptions["tamper"];
  /** Leave the secondary running (returned) for a next flip; the caller closes it. */
  keepSecondary?: boolean;
  /** Told as each step finishes (the demo prints them). */
  onStep?: (step: RoundTripStep) => void;
}

export type RoundTripStep =
  | { step: "primary"; url: string }
  | { step: "primary-export"; summary: ExportSummary }
  | { step: "secondary"; url: string }
  | { step: "stack"; result: StackResult }
  | { step: "secondary-export"; summary: ExportSummary }
  | { step: "verify"; result: VerifyResult; preExisting: string[] };

export interface RoundTripResult {
  primarySnapshot: string;
  secondarySnapshot: string;
  primaryExport: ExportSummary;
  secondaryExport: ExportSummary;
  stack: StackResult;
  /** `kind:key` of objects the fresh secondary held before the stack ran and the primary lacks. */
  preExisting: string[];
  /** `kind:key` of objects the round trip could only partly apply (a view's columns): shown apart by verify. */
  notCompared: string[];
  verify: VerifyResult;
  secondary?: RunningEmulator;
  seconds: { total: number; primaryExport: number; stack: number; secondaryExport: number; verify: number };
}

export async function runRoundTrip(opts: RoundTripOptions): Promise<RoundTripResult> {
  const t0 = Date.now();
  const token = opts.token ?? DEFAULT_TOKEN;
  const h: HarnessOptions = { ...opts, token };
  let started = typeof opts.primary === "string" ? await startWorkspace(opts.primary, h) : undefined;
  const primary: Endpoint = started ? { url: started.url, token } : (opts.primary as Endpoint);
  const step = opts.onStep ?? (() => {});
  step({ step: "primary", url: primary.url });
  const dirs = {
    p: path.join(opts.dir, "primary"),
    b: path.join(opts.dir, "baseline"),
    s: path.join(opts.dir, "secondary"),
  };
  let secondary: RunningEmulator | undefined;
  try {
    const primaryExport = await exportWorkspace(primary, dirs.p, h);
    step({ step: "primary-export", summary: primaryExport });
    await started?.close();
    started = undefined;
    const t1 = Date.now();
    secondary = await startWorkspace("empty", h);
    const target = { url: secondary.url, token };
    step({ step: "secondary", url: target.url });
    await exportWorkspace(target, dirs.b, h);
    const stack = await applyStack({
      ...h,
      snapshotPath: dirs.p,
      target,
      values: opts.values,
      stack: opts.stack,
      tamper: opts.tamper,
    });
    step({ step: "stack", result: stack });
    const t2 = Date.now();
    const secondaryExport = await exportWorkspace(target, dirs.s, h);
    step({ step: "secondary-export", summary: secondaryExport });
    const t3 = Date.now();
    const preExisting = preExistingKeys(dirs.p, dirs.b);
    const notCompared = partlyAppliedKeys(stack.state);
    const verify = verifyRoundTrip(dirs.p, dirs.s, stack.config, [...preExisting, ...notCompared]);
    step({ step: "verify", result: verify, preExisting });
    const t4 = Date.now();
    const result: RoundTripResult = {
      primarySnapshot: dirs.p,
      secondarySnapshot: dirs.s,
      primaryExport,
      secondaryExport,
      stack,
      preExisting,
      notCompared,
      verify,
      secondary: opts.keepSecondary ? secondary : undefined,
      seconds: {
        total: (t4 - t0) / 1000,
        primaryExport: (t1 - t0) / 1000,
        stack: (t2 - t1) / 1000,
        secondaryExport: (t3 - t2) / 1000,
        verify: (t4 - t3) / 1000,
      },
    };
    if (!opts.keepSecondary) await secondary.close();
    return result;
  } catch (e) {
    await secondary?.close();
    throw e;
  } finally {
    await started?.close();
  }
}
