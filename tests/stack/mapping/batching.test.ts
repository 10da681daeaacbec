/**
 * Batch membership is a function of the source id and the config alone: adding or removing objects moves no
 * other object (the old ceil(n/size) bucket counts reshuffled every member when n crossed a multiple).
 */
import fc from "fast-check";
import { bucketCount, bucketOf } from "../../../components/mapping/batching";

it("the bucket count depends on the config only", () => {
  expect(bucketCount(1000, 500)).toBe(4);
  expect(bucketCount(200, 500)).toBe(1);
  expect(bucketCount(5, 2)).toBe(5);
});

it("adding or removing objects never moves another between batches", () => {
  fc.assert(
    fc.property(
      fc.uniqueArray(fc.string({ minLength: 1 }), { minLength: 1, maxLength: 60 }),
      fc.array(fc.string({ minLength: 1 }), { maxLength: 20 }),
      fc.integer({ min: 0, max: 300 }),
      fc.integer({ min: 1, max: 50 }),
      (ids, added, max, size) => {
        const buckets = bucketCount(max, size);
        const before = new Map(ids.map((id) => [id, bucketOf(id, buckets)]));
        // The stack derives buckets from config: a grown workspace uses the same count.
        const after = new Map([...ids, ...added].map((id) => [id, bucketOf(id, bucketCount(max, size))]));
        for (const [id, b] of before) expect(after.get(id)).toBe(b);
        for (const b of after.values()) expect(b).toBeLessThan(buckets);
      },
    ),
  );
});
