import { CONFIG_KEYS, CONFIG_NAMESPACE, Granularity } from "../components/config/schema";
import { issuePath } from "../snapshot/errors";

/** What the RTO estimate reads of a stack's settings file: the granularity, and whether a workspace is adopted. */
export interface RtoSettings {
  granularity?: Granularity;
  /** existingWorkspace is set: no infrastructure to create. */
  existingWorkspace: boolean;
}

/** `granularity` as Pulumi holds it (already decoded from JSON when set without --path), checked as the stack checks it. */
export function rtoSettingsOf(file: string, granularity: unknown, existingWorkspace: unknown): RtoSettings {
  if (granularity === undefined) return { existingWorkspace: existingWorkspace !== undefined };
  const parsed = CONFIG_KEYS.granularity.schema.safeParse(granularity);
  if (!parsed.success) {
    const sub = issuePath(parsed.error.issues[0]);
    throw new Error(
      `${file}: ${CONFIG_NAMESPACE}:granularity${sub ? `.${sub}` : ""}: ${parsed.error.issues[0].message}`,
    );
  }
  return { granularity: parsed.data as Granularity, existingWorkspace: existingWorkspace !== undefined };
}
