/**
 * Objects are held in the API's own response shape (what `get` answers), so bodies loaded verbatim from a
 * DIR seed are served back unchanged. They are open JSON records by nature.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Obj = Record<string, any>;

export type Language = "PYTHON" | "SCALA" | "SQL" | "R";
export const LANGUAGES: readonly Language[] = ["PYTHON", "SCALA", "SQL", "R"];
export type ObjectType = "NOTEBOOK" | "DIRECTORY" | "FILE" | "LIBRARY" | "REPO";
