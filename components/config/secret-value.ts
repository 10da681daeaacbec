/**
 * A value read from Pulumi secret config. It prints as `[secret]` in logs, JSON and error messages, so only the
 * code that hands it to `pulumi.secret(...)` ever sees the clear text (through `reveal()`).
 */
export class SecretValue {
  readonly #value: string;
  constructor(value: string) {
    this.#value = value;
  }
  reveal(): string {
    return this.#value;
  }
  toString(): string {
    return "[secret]";
  }
  toJSON(): string {
    return "[secret]";
  }
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return "[secret]";
  }
}
