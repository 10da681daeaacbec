import * as pulumi from "@pulumi/pulumi";
import { KindName, Ref } from "../../kinds/common";
import type { Resolution, Resolver } from "../mapping/refs";

/** What a replicated object offers to the objects that reference it. */
export interface Replicated {
  /** The resource to depend on (absent for built-ins looked up by an invoke). */
  resource?: pulumi.Resource;
  /** The value a reference to it becomes: the secondary's id, path or name, as an output of `resource`. */
  value: pulumi.Input<string>;
  /** SCIM id of a principal (group membership names members by id). */
  scimId?: pulumi.Input<string>;
  /** A readable, stable name (ACL batches key objects by it). */
  label?: string;
}

/**
 * Source id -> the secondary's replica, per kind. Every cross-object reference in the stack goes through
 * `resolve`, so nothing can reach the secondary holding a primary id: an unknown id is "missing" with the
 * reason, never passed through.
 */
export class ObjectRegistry {
  private readonly entries = new Map<
    string,
    Replicated | { missing: string } | { lookup: () => Replicated }
  >();
  /** A group's displayName -> its source id (secret ACLs name groups by name). */
  private readonly groupIds = new Map<string, string>();

  private key(kind: KindName, id: string): string {
    return `${kind}\u0000${id}`;
  }
  set(kind: KindName, id: string, r: Replicated): void {
    this.entries.set(this.key(kind, id), r);
    if (kind === "group" && r.label !== undefined) this.groupIds.set(r.label, id);
  }
  /** The source id of a principal an API names by name: a group's by its displayName, others are their name. */
  sourceIdOf(kind: KindName, name: string): string {
    return kind === "group" ? (this.groupIds.get(name) ?? name) : name;
  }
  /**
   * An object the secondary has without this stack (left to Databricks Managed DR): referrers get what
   * `lookup` finds there, called once, on the first reference to it.
   */
  lookup(kind: KindName, id: string, lookup: () => Replicated): void {
    this.entries.set(this.key(kind, id), { lookup });
  }
  missing(kind: KindName, id: string, reason: string): void {
    this.entries.set(this.key(kind, id), { missing: reason });
  }
  get(kind: KindName, id: string): Replicated | undefined {
    const e = this.entries.get(this.key(kind, id));
    if (e && "lookup" in e) {
      const found = e.lookup();
      this.entries.set(this.key(kind, id), found);
      return found;
    }
    return e && !("missing" in e) ? e : undefined;
  }
  whyMissing(kind: KindName, id: string): string {
    const e = this.entries.get(this.key(kind, id));
    return e && "missing" in e
      ? e.missing
      : "not in the snapshot (removed from the primary, or filtered out)";
  }

  /** How the permissions API names a principal: a group by its displayName (its label), others by source id. */
  readonly principalName = (p: { kind: KindName; id: string }): string =>
    p.kind === "group" ? (this.get("group", p.id)?.label ?? p.id) : p.id;

  readonly resolve: Resolver = (ref: Ref): Resolution => {
    const r = this.get(ref.kind, ref.id);
    if (!r) return { missing: this.whyMissing(ref.kind, ref.id) };
    // run_job_task.job_id is a number in the provider's schema; every other reference is a string.
    if (ref.kind === "job" && /job_id$/.test(ref.field))
      return { value: pulumi.output(r.value).apply(Number) };
    return { value: r.value };
  };

  /** Resources behind the given references (for dependsOn), built-ins and missing ones left out. */
  resourcesOf(refs: { kind: KindName; id: string }[]): pulumi.Resource[] {
    const out = new Set<pulumi.Resource>();
    for (const ref of refs) {
      const r = this.get(ref.kind, ref.id)?.resource;
      if (r) out.add(r);
    }
    return [...out];
  }
}
