import * as fs from "node:fs";
import * as path from "node:path";
import { KindName } from "../kinds/common";
import { canonicalJson } from "./canonical-json";
import { JOURNAL_FILE } from "./layout";

/**
 * The journal of a run in progress, kept in its temporary directory: a header line saying what the run
 * exports (source host, filters, tool version), then one line per object finished — its signature and
 * descriptor, written only after its content file is complete. A run killed at any point (SIGINT, kill -9)
 * leaves a journal the next run with the same header resumes from; a torn last line is ignored.
 */
export interface JournalHeader {
  journal: 1;
  host: string;
  filters: unknown;
  tool: string;
  schemaVersion: number;
}

export interface JournalEntry {
  kind: KindName;
  id: string;
  sig: string;
  /** The descriptor; null when the read found nothing to keep (an ACL with only inherited entries). */
  descriptor: unknown;
}

export class Journal {
  private fd: number | undefined;

  private constructor(fd: number) {
    this.fd = fd;
  }

  static create(dir: string, header: JournalHeader): Journal {
    const fd = fs.openSync(path.join(dir, JOURNAL_FILE), "wx");
    fs.writeSync(fd, JSON.stringify(header) + "\n");
    return new Journal(fd);
  }

  /** Synchronous on purpose: once this returns, the line survives the process being killed. */
  append(e: JournalEntry): void {
    if (this.fd === undefined) return;
    fs.writeSync(this.fd, JSON.stringify([e.kind, e.id, e.sig, e.descriptor]) + "\n");
  }

  close(): void {
    if (this.fd === undefined) return;
    fs.closeSync(this.fd);
    this.fd = undefined;
  }
}

export function sameHeader(a: JournalHeader, b: JournalHeader): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

/** The header of a dead run's journal, or undefined when there is none (or it is unreadable). */
export function readJournalHeader(dir: string): JournalHeader | undefined {
  let fd: number | undefined;
  try {
    fd = fs.openSync(path.join(dir, JOURNAL_FILE), "r");
    const buf = Buffer.alloc(64 * 1024);
    const n = fs.readSync(fd, buf, 0, buf.length, 0);
    const line = buf.subarray(0, n).toString("utf8").split("\n")[0];
    const h = JSON.parse(line) as JournalHeader;
    return h && h.journal === 1 ? h : undefined;
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** Every complete entry of a journal, in order (later lines win for the same object). */
export async function readJournalEntries(dir: string): Promise<JournalEntry[]> {
  let text: string;
  try {
    text = await fs.promises.readFile(path.join(dir, JOURNAL_FILE), "utf8");
  } catch {
    return [];
  }
  const out: JournalEntry[] = [];
  const lines = text.split("\n");
  // The last element is "" after a complete final line, or a torn line from a killed run: skipped alike.
  for (let i = 1; i < lines.length - 1; i++) {
    try {
      const [kind, id, sig, descriptor] = JSON.parse(lines[i]) as [KindName, string, string, unknown];
      if (typeof kind === "string" && typeof id === "string" && typeof sig === "string")
        out.push({ kind, id, sig, descriptor: descriptor ?? null });
    } catch {
      /* a torn line */
    }
  }
  return out;
}
