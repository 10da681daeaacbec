import { WorkspaceState } from "../state/workspace-state";
import { addBuiltIns, addGroup, addMember, addServicePrincipal, addUser } from "./build";
import { SAMPLE_IDS, SamplePeople } from "./sample-ids";

/** Users (one inactive, one with an external id), a service principal, and groups, one nested in another. */
export function addSamplePeople(state: WorkspaceState): SamplePeople {
  const { admin } = addBuiltIns(state);
  const alice = addUser(state, "alice.smith@example.com", {
    displayName: "Alice Smith",
    entitlements: ["allow-cluster-create"],
  });
  const bob = addUser(state, "bob.jones@example.com", { displayName: "Bob Jones" });
  const carol = addUser(state, "carol.nguyen@example.com", {
    displayName: "Carol Nguyen",
    externalId: "a3c1e5f7-0000-4000-8000-00000000c4r0",
  });
  const dave = addUser(state, "dave.okafor@example.com", { displayName: "Dave Okafor", active: false });
  const etlSp = addServicePrincipal(state, SAMPLE_IDS.spApplicationId, "etl-automation", [
    "allow-cluster-create",
  ]);
  addGroup(state, "data-engineers", [alice, etlSp], { entitlements: ["allow-cluster-create"] });
  const scientists = addGroup(state, "data-scientists", [bob, carol]);
  const analytics = addGroup(state, "analytics", [dave], { entitlements: ["databricks-sql-access"] });
  addMember(analytics, scientists); // a group nested in a group

  return { admin, alice, bob, carol, dave, etlSp };
}
