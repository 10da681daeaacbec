/**
 * The prune ledger of per-object resources (which Pulumi never deletes): with prune, exactly the objects
 * whose source id left the snapshot go; one handed to a batch stays; the deploying principal always stays.
 */
import { DatabricksClient } from "../../../client";
import { RunningEmulator } from "../../../emulator";
import { LedgerInputs, pruneLedgerImpl } from "../../../components/dynamic/prune-ledger-impl";
import { job, removeWrittenSnapshots, SnapshotBuilder, user } from "../../helpers/snapshot-builder";
import { emptyWorkspace } from "./helpers";

let emu: RunningEmulator;
let client: DatabricksClient;
beforeAll(async () => {
  ({ emu, client } = await emptyWorkspace());
});
afterAll(async () => {
  await emu.close();
  removeWrittenSnapshots();
});

const exists = (p: Promise<unknown>) =>
  p.then(
    () => true,
    () => false,
  );

it("deletes with prune the jobs that left the snapshot, never one another resource holds now", async () => {
  const mk = async (name: string) =>
    String((await client.post<{ job_id: number }>("/api/2.1/jobs/create", { name })).job_id);
  const [gone, moved, kept] = [await mk("gone"), await mk("moved"), await mk("kept")];
  const root = new SnapshotBuilder().add("job", job("2", "moved"), job("3", "kept")).write();
  const olds: LedgerInputs = {
    host: emu.url,
    kind: "job",
    held: { "1": gone, "2": moved, "3": kept },
    prune: true,
    snapshotRoot: root,
  };
  await pruneLedgerImpl.update("l", olds, { ...olds, held: { "3": kept } });
  const get = (id: string) => exists(client.get("/api/2.1/jobs/get", { job_id: id }));
  expect([await get(gone), await get(moved), await get(kept)]).toEqual([false, true, true]);
  // Without prune nothing goes.
  const other = await mk("other");
  const off = { ...olds, held: { "9": other }, prune: false };
  await pruneLedgerImpl.update("l", off, { ...off, held: {} });
  expect(await get(other)).toBe(true);
});

it("never deletes the principal the stack runs as", async () => {
  const me = await client.get<{ id: string; userName: string }>("/api/2.0/preview/scim/v2/Me");
  const u = await client.post<{ id: string }>("/api/2.0/preview/scim/v2/Users", {
    userName: "left@contoso.com",
  });
  const root = new SnapshotBuilder().add("user", user("someone@contoso.com")).write();
  const olds: LedgerInputs = {
    host: emu.url,
    kind: "user",
    held: { [me.userName]: me.id, "left@contoso.com": u.id },
    prune: true,
    snapshotRoot: root,
  };
  await pruneLedgerImpl.update("l", olds, { ...olds, held: {} });
  const get = (id: string) => exists(client.get(`/api/2.0/preview/scim/v2/Users/${id}`));
  expect([await get(me.id), await get(u.id)]).toEqual([true, false]);
});
