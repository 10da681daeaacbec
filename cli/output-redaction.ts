import { redact } from "../client/redact";

type Write = NodeJS.WriteStream["write"];

/**
 * Sends everything a command prints through the one redaction (client/redact.ts): verify's differences, a
 * report path or an error can quote a descriptor value, and a credential there must not reach a CI log.
 * Returns a function that puts the stream's own write back.
 */
export function redactStream(stream: NodeJS.WriteStream): () => void {
  const original = stream.write.bind(stream) as Write;
  const write = (chunk: unknown, ...rest: unknown[]): boolean => {
    const text = typeof chunk === "string" ? chunk : Buffer.isBuffer(chunk) ? chunk.toString("utf8") : chunk;
    return (original as (c: unknown, ...r: unknown[]) => boolean)(
      typeof text === "string" ? redact(text) : text,
      ...rest,
    );
  };
  stream.write = write as Write;
  return () => {
    stream.write = original;
  };
}

/** Every command's stdout and stderr, except the emulator's: it prints its own throwaway token on purpose. */
export function redactCommandOutput(command: string): void {
  if (command === "emulator") return;
  for (const stream of [process.stdout, process.stderr])
    if (!wrapped.has(stream)) {
      wrapped.add(stream);
      redactStream(stream);
    }
}

/** A program built twice in one process (tests) wraps each stream once. */
const wrapped = new WeakSet<NodeJS.WriteStream>();
