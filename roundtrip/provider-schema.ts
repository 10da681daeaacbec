/**
 * The Pulumi databricks provider's input types, read from its own declarations (node_modules/@pulumi/
 * databricks/<resource>.d.ts and types/input.d.ts) with the TypeScript compiler API: the outside reference
 * for the shape the stack must hand the provider (roundtrip/provider-shape.ts) and for the names the round
 * trip turns back into REST fields (roundtrip/api-body.ts). Nothing here comes from the stack's mapping.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";

/** A property's type once `pulumi.Input<...>` and `| undefined` are unwrapped. */
export type Shape =
  | { t: "string" | "number" | "boolean" | "any" }
  | { t: "literal"; value: string | number | boolean }
  | { t: "ref"; name: string }
  | { t: "array"; of: Shape }
  | { t: "map"; of: Shape }
  | { t: "union"; of: Shape[] };

export interface Prop {
  shape: Shape;
  required: boolean;
}
export type TypeDecl = ReadonlyMap<string, Prop>;

const ROOT = path.dirname(require.resolve("@pulumi/databricks/package.json"));

const tables = new Map<string, Map<string, TypeDecl>>();

/** Interfaces of one declaration file, by name. */
function interfacesOf(file: string): Map<string, TypeDecl> {
  let table = tables.get(file);
  if (table) return table;
  table = new Map();
  const src = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.ES2022, false);
  for (const node of src.statements) {
    if (!ts.isInterfaceDeclaration(node)) continue;
    const props = new Map<string, Prop>();
    for (const m of node.members) {
      if (!ts.isPropertySignature(m) || !m.type) continue;
      const name = ts.isIdentifier(m.name) || ts.isStringLiteral(m.name) ? m.name.text : undefined;
      if (name === undefined) continue;
      props.set(name, { shape: shapeOf(m.type, src), required: !m.questionToken });
    }
    table.set(node.name.text, props);
  }
  tables.set(file, table);
  return table;
}

function shapeOf(node: ts.TypeNode, src: ts.SourceFile): Shape {
  if (ts.isParenthesizedTypeNode(node)) return shapeOf(node.type, src);
  switch (node.kind) {
    case ts.SyntaxKind.StringKeyword:
      return { t: "string" };
    case ts.SyntaxKind.NumberKeyword:
      return { t: "number" };
    case ts.SyntaxKind.BooleanKeyword:
      return { t: "boolean" };
  }
  if (ts.isLiteralTypeNode(node)) {
    const l = node.literal;
    if (ts.isStringLiteral(l)) return { t: "literal", value: l.text };
    if (ts.isNumericLiteral(l)) return { t: "literal", value: Number(l.text) };
    if (l.kind === ts.SyntaxKind.TrueKeyword) return { t: "literal", value: true };
    if (l.kind === ts.SyntaxKind.FalseKeyword) return { t: "literal", value: false };
  }
  if (ts.isArrayTypeNode(node)) return { t: "array", of: shapeOf(node.elementType, src) };
  if (ts.isUnionTypeNode(node)) {
    const of = node.types
      .filter((t) => t.kind !== ts.SyntaxKind.UndefinedKeyword)
      .filter((t) => !(ts.isLiteralTypeNode(t) && t.literal.kind === ts.SyntaxKind.NullKeyword))
      .map((t) => shapeOf(t, src));
    return of.length === 1 ? of[0] : { t: "union", of };
  }
  if (ts.isTypeLiteralNode(node)) {
    const index = node.members.find(ts.isIndexSignatureDeclaration);
    if (index && node.members.length === 1) return { t: "map", of: shapeOf(index.type, src) };
    return { t: "any" };
  }
  if (ts.isTypeReferenceNode(node)) {
    const name = node.typeName.getText(src);
    // pulumi.Input<T> / Input<T>: the provider takes T (resolved) or an output of it.
    if ((name === "pulumi.Input" || name === "Input") && node.typeArguments?.length === 1)
      return shapeOf(node.typeArguments[0], src);
    if (name.startsWith("inputs.")) return { t: "ref", name: name.slice("inputs.".length) };
    return { t: "ref", name };
  }
  return { t: "any" };
}

/** The declared input types (types/input.d.ts): `JobTask`, `ClusterAutoscale`... */
export function inputType(name: string): TypeDecl | undefined {
  return interfacesOf(path.join(ROOT, "types/input.d.ts")).get(name);
}

/**
 * A resource type token (`databricks:index/sqlEndpoint:SqlEndpoint`, `pulumi:providers:databricks`) -> the
 * args interface its class takes (`SqlEndpointArgs` in sqlEndpoint.d.ts), or undefined when unknown.
 */
export function resourceArgs(token: string): { name: string; decl: TypeDecl } | undefined {
  let file: string;
  let cls: string;
  if (token === "pulumi:providers:databricks") [file, cls] = ["provider", "Provider"];
  else {
    const m = /^databricks:index\/([A-Za-z0-9]+):([A-Za-z0-9]+)$/.exec(token);
    if (!m) return undefined;
    [file, cls] = [m[1], m[2]];
  }
  const f = path.join(ROOT, `${file}.d.ts`);
  if (!fs.existsSync(f)) return undefined;
  const decl = interfacesOf(f).get(`${cls}Args`);
  return decl ? { name: `${cls}Args`, decl } : undefined;
}

/** A shape's named type (`ref`), reached through arrays: `JobTask` for `JobTask[]`. */
export function refOf(shape: Shape | undefined): string | undefined {
  if (!shape) return undefined;
  if (shape.t === "ref") return shape.name;
  if (shape.t === "array") return refOf(shape.of);
  return undefined;
}
