import { ContentRef } from "../../kinds/common";
import { resolveInside } from "../../snapshot/layout";

/**
 * Content is handed to the provider BY PATH (`source`): the provider hashes the file for its diff, so the
 * bytes never land in Pulumi state.
 */
export function contentSource(snapshotRoot: string, content: ContentRef): string {
  return resolveInside(snapshotRoot, content.file);
}
