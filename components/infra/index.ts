export { RegionalInfrastructure } from "./regional-infrastructure";
export type { RegionalInfrastructureArgs } from "./regional-infrastructure";
export { infraNames } from "./names";
