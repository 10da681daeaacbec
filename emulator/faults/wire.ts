import type { ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { EmulatorError } from "../errors";
import type { Reply } from "../http";

/** A reply as bytes on the wire: what the server's own writer would send for it. */
export function encodeReply(
  method: string,
  reply: Reply,
): { status: number; headers: Record<string, string | number>; payload: Buffer } {
  const headers: Record<string, string | number> = { ...(reply.headers ?? {}) };
  let payload: Buffer = Buffer.alloc(0);
  if (reply.raw !== undefined) {
    payload = Buffer.isBuffer(reply.raw) ? reply.raw : Buffer.from(reply.raw);
    headers["Content-Type"] = reply.contentType ?? "application/json";
  } else if (reply.body !== undefined) {
    payload = Buffer.from(JSON.stringify(reply.body));
    headers["Content-Type"] = "application/json";
  }
  headers["Content-Length"] = payload.length;
  if (method === "HEAD") payload = Buffer.alloc(0);
  return { status: reply.status, headers, payload };
}

/** The handler's answer, errors included (a 404 can be cut short as well as a 200). */
export async function replyOf(next: () => Promise<Reply | null>): Promise<Reply | null> {
  try {
    return await next();
  } catch (e) {
    if (e instanceof EmulatorError) return { status: e.status, body: e.body() };
    throw e;
  }
}

function reset(socket: Socket | null): void {
  if (!socket || socket.destroyed) return;
  // RST rather than FIN: the client sees ECONNRESET, as when a load balancer drops the connection.
  socket.resetAndDestroy();
}

/** Connection reset before a single byte of the answer. */
export function resetBefore(res: ServerResponse): void {
  reset(res.socket);
}

/**
 * Writes the status line, headers (with the full Content-Length) and the first `cut` bytes of the body,
 * then resets the connection (`reset`) or closes it cleanly (`end`): either way the body is short.
 */
export function cutShort(
  res: ServerResponse,
  wire: ReturnType<typeof encodeReply>,
  cut: number,
  how: "reset" | "end",
): void {
  const socket = res.socket;
  // An empty body cannot be cut: announce one byte more than is ever sent.
  const headers = wire.payload.length > 0 ? wire.headers : { ...wire.headers, "Content-Length": 1 };
  res.writeHead(wire.status, headers);
  res.flushHeaders();
  const finish = () => (how === "reset" ? reset(socket) : socket?.end());
  if (cut > 0) res.write(wire.payload.subarray(0, cut), finish);
  else setImmediate(finish);
}
