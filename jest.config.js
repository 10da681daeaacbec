/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/tests"],
  testMatch: ["**/*.test.ts"],
  // tsconfig sets isolatedModules, so ts-jest only transpiles each file; `tsc --noEmit` checks types once.
  transform: { "^.+\\.ts$": ["ts-jest", { diagnostics: false }] },
  testTimeout: 60000,
  // In one process the suite's module registries add up (16 GB by half-way on 2 cores): a worker is
  // replaced once it holds more than this after a test file (and workers are used even with one core).
  workerIdleMemoryLimit: "1536MB",
};
