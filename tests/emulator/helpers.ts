import { useEmulator } from "../helpers/emulator-lifecycle";
import { EmulatorOptions, RunningEmulator, startEmulator } from "../../emulator";

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json: any;
}

/**
 * A client for tests: raw answers, no retries, so each assertion sees exactly what the emulator sent.
 * It bears the emulator's own token unless given another one, or `null` for none.
 */
export function client(emu: RunningEmulator, token: string | null = emu.token ?? null) {
  const call = async (method: string, path: string, body?: unknown): Promise<Answer> => {
    const headers: Record<string, string> = {};
    if (token) headers.Authorization = `Bearer ${token}`;
    if (body !== undefined) headers["Content-Type"] = "application/json";
    const r = await fetch(emu.url + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await r.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: r.status, headers: r.headers, text, json };
  };
  return {
    call,
    get: (p: string) => call("GET", p),
    post: (p: string, b: unknown = {}) => call("POST", p, b),
    put: (p: string, b: unknown) => call("PUT", p, b),
    patch: (p: string, b: unknown) => call("PATCH", p, b),
    del: (p: string) => call("DELETE", p),
  };
}

/** Starts an emulator without throttling unless asked, for tests that are not about rate limits. */
export async function start(opts: Partial<EmulatorOptions> = {}): Promise<RunningEmulator> {
  return startEmulator({ workspace: "sample", rateLimits: false, ...opts });
}

export const b64 = (s: string | Buffer) => Buffer.from(s).toString("base64");
export const unb64 = (s: string) => Buffer.from(s, "base64");

/** One sample-workspace emulator for a whole test file, with its raw client (set before the first test). */
export function useSampleEmulator(): { emu: RunningEmulator; api: ReturnType<typeof client> } {
  const suite = useEmulator(() => start());
  return {
    get emu() {
      return suite.emu;
    },
    get api() {
      return client(suite.emu);
    },
  };
}
