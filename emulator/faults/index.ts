/**
 * Seeded fault injection for the workspace emulator: pass `faultMiddleware(plan)` in `middlewares` (or to
 * `emu.use`). See fault-suite/README.md for the suite that runs exports under it.
 */
export { faultMiddleware, requestKey } from "./middleware";
export type { FaultMiddleware } from "./middleware";
export {
  DEFAULT_RATES,
  emptyPlan,
  FAILING_KINDS,
  FAULT_KINDS,
  LISTING_OUTAGES,
  MUTATION_OPS,
  OBJECT_FAILURES,
  planFromSeed,
  SCIM_USERS,
} from "./plan";
export type { FaultKind, FaultPlan, Mutation, MutationOp, PersistentFailure, PlanKnobs } from "./plan";
export { failuresInjected, newJournal } from "./journal";
export type { FaultEvent, FaultJournal } from "./journal";
export { applyMutation, eligibleTargets, plantOversizeNotebook } from "./mutations";
export type { AppliedMutation, TouchedNode } from "./mutations";
