import * as pulumi from "@pulumi/pulumi";
import { KindName } from "../../kinds/common";
import { credentialFields, credentialTopFields } from "../../kinds/credentials";
import { pulumiName } from "./api-args";

/**
 * Marks as Pulumi secrets the provider arguments that carry a plaintext credential (kinds/credentials.ts:
 * the same scan that lists them as findings): `spec.spark_conf` holding a storage key makes the cluster's
 * `sparkConf` secret, a job parameter holding a password makes its `parameters` secret. Pulumi then keeps
 * them encrypted in state and masked in previews and logs. `under` is where `source` sits in the
 * descriptor (`spec`, `settings`): its top-level fields are the args.
 */
export function markCredentialArgs<T extends object>(
  kind: KindName,
  descriptor: unknown,
  under: string,
  source: Record<string, unknown>,
  args: T,
): T {
  const a = args as Record<string, unknown>;
  for (const field of credentialTopFields(kind, descriptor, under)) {
    const name = pulumiName(field, source[field]);
    if (a[name] !== undefined) a[name] = pulumi.secret(a[name]);
  }
  return args;
}

/** Does the object carry a plaintext credential anywhere under `under` (a job batch entry is all secret)? */
export function carriesCredential(kind: KindName, descriptor: unknown, under: string): boolean {
  return credentialTopFields(kind, descriptor, under).size > 0;
}

/** Does the scan flag anything inside one field (a cluster policy's `definition`, a JSON document as a string)? */
export function credentialUnder(kind: KindName, descriptor: unknown, field: string): boolean {
  return credentialFields(kind, descriptor).some(
    (f) => f.field === field || f.field.startsWith(`${field}.`) || f.field.startsWith(`${field}[`),
  );
}
