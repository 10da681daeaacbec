import { connect, isNotFound } from "./connect";
import { withoutProvider } from "./member-diff";
import type { DynamicImpl } from "./shell";

/**
 * Databricks gives whoever creates a secret scope MANAGE on it: in the secondary that is the deploying
 * principal, which the primary's ACLs usually do not name. Decided: removed, so the scope's ACLs are the
 * primary's exactly (verify passes on the recorded ACLs). The deploying principal is a workspace admin (it
 * creates users and groups through SCIM), and admins manage every scope, so it keeps what it needs. When
 * the primary's ACLs name the deploying principal, its grant is the primary's and stays.
 */
export interface ScopeCreatorAclInputs {
  host: string;
  scope: string;
  /** Principals the primary's ACLs of the scope name (their grants are SecretAcl resources). */
  granted: string[];
}

async function removeCreatorGrant(inputs: ScopeCreatorAclInputs): Promise<string | undefined> {
  const client = connect(inputs.host);
  const me = (await client.get<{ userName?: string }>("/api/2.0/preview/scim/v2/Me")).userName;
  if (!me || inputs.granted.includes(me)) return undefined;
  try {
    await client.post("/api/2.0/secrets/acls/delete", { scope: inputs.scope, principal: me });
  } catch (e) {
    if (!isNotFound(e)) throw e;
  }
  return me;
}

export const scopeCreatorAclImpl: DynamicImpl = {
  async diff(_id, olds: ScopeCreatorAclInputs, news: ScopeCreatorAclInputs) {
    const changes =
      olds.host !== news.host ||
      olds.scope !== news.scope ||
      JSON.stringify(olds.granted) !== JSON.stringify(news.granted);
    return { changes };
  },
  async create(inputs: ScopeCreatorAclInputs) {
    const removed = await removeCreatorGrant(inputs);
    return {
      id: `creator-acl:${inputs.scope}`,
      outs: { ...withoutProvider(inputs), removed: removed ?? "" },
    };
  },
  async update(_id, _olds: ScopeCreatorAclInputs, news: ScopeCreatorAclInputs) {
    const removed = await removeCreatorGrant(news);
    return { outs: { ...withoutProvider(news), removed: removed ?? "" } };
  },
  async delete() {
    // Nothing to undo: the grant removed was the creator's implicit one.
  },
};
