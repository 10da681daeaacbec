import { readSnapshot } from "../snapshot/reader";
import { compareSnapshots, VerifyOptions, VerifyResult } from "./compare";

export * from "./compare";
export { VERIFY_KINDS } from "./kinds";
export type { VerifyMode } from "./rules";
export { formatVerifyText, showValue, unexpectedRows, expectedGroups } from "./format";

/** Reads both snapshots (a bad one throws SnapshotError naming file, object and field) and compares them. */
export function verifySnapshots(
  primaryDir: string,
  secondaryDir: string,
  opts: VerifyOptions = {},
): VerifyResult {
  return compareSnapshots(readSnapshot(primaryDir), readSnapshot(secondaryDir), opts);
}
