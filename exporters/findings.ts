import * as fs from "node:fs";
import { KindName } from "../kinds/common";
import { credentialLines, findingsOf, Finding, lineFindings, sortFindings } from "../kinds/credentials";
import { resolveInside } from "../snapshot/layout";
import { ContentSink } from "./types";

/** Kinds whose content is source text (notebooks, workspace files, init scripts): scanned line by line. */
export const SOURCE_KINDS: ReadonlySet<KindName> = new Set<KindName>([
  "notebook",
  "workspace-file",
  "global-init-script",
]);

/** Content larger than this is not scanned (a data file, not a source someone typed a password into). */
const MAX_SCANNED_BYTES = 5 * 1024 * 1024;

const isSourceFile = (rel: string) =>
  rel.startsWith("content/workspace/") || rel.startsWith("content/global-init-scripts/");

function textLines(bytes: Buffer): ReturnType<typeof credentialLines> {
  if (bytes.length > MAX_SCANNED_BYTES || bytes.subarray(0, 8192).includes(0)) return [];
  return credentialLines(bytes.toString("utf8"));
}

type ContentOf = { content?: { file?: unknown } };

/**
 * The run's credential findings (kinds/credentials.ts): settings of every object kept, and the text of
 * sources while their bytes are in memory on the way to disk. A source reused from the previous snapshot
 * keeps that snapshot's findings (same bytes); one taken from an interrupted run is read back and scanned.
 */
export class FindingsCollector {
  private readonly sources = new Map<string, ReturnType<typeof credentialLines>>();
  private readonly pending = new Map<string, Finding[]>();
  private readonly kept: Finding[] = [];

  constructor(
    /** The run's temporary directory (where content taken from an interrupted run was linked). */
    private readonly root: string,
    private readonly previous: (kind: KindName, id: string) => Finding[],
  ) {}

  /** The content sink with source files scanned as they pass. */
  sink(inner: ContentSink): ContentSink {
    return {
      write: async (rel, data) => {
        const ref = await inner.write(rel, data);
        if (Buffer.isBuffer(data) && isSourceFile(rel)) {
          const lines = textLines(data);
          if (lines.length) this.sources.set(rel, lines);
        }
        return ref;
      },
    };
  }

  /** One object kept by the run; `from` says where a reused one came from. */
  async object(kind: KindName, descriptor: { id: string }, from?: "previous" | "journal"): Promise<void> {
    const found = findingsOf(kind, descriptor);
    const file = (descriptor as ContentOf).content?.file;
    if (SOURCE_KINDS.has(kind) && typeof file === "string") {
      if (from === "previous")
        found.push(...this.previous(kind, descriptor.id).filter((f) => f.field.startsWith("content:")));
      else {
        let lines = this.sources.get(file);
        this.sources.delete(file);
        if (from === "journal")
          lines = textLines(
            await fs.promises.readFile(resolveInside(this.root, file)).catch(() => Buffer.alloc(0)),
          );
        found.push(...lineFindings(kind, descriptor.id, lines ?? []));
      }
    }
    if (found.length) this.pending.set(`${kind}\u0000${descriptor.id}`, found);
  }

  /** The kind is done: the findings of the objects it kept (a duplicate id's are dropped with it). */
  settle(kind: KindName, ids: readonly string[]): void {
    for (const id of ids) {
      const key = `${kind}\u0000${id}`;
      const f = this.pending.get(key);
      if (f) this.kept.push(...f);
      this.pending.delete(key);
    }
  }

  all(): Finding[] {
    return sortFindings(this.kept);
  }
}
