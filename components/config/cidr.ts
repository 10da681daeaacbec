/** IPv4 CIDR arithmetic, just enough to check that the subnets fit the VNet and do not overlap. */
export interface Cidr {
  text: string;
  start: number;
  /** Last address, inclusive. */
  end: number;
  prefix: number;
}

export function parseCidr(text: string): Cidr | string {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(text.trim());
  if (!m) return `"${text}" is not an IPv4 CIDR such as 10.139.0.0/16`;
  const octets = m.slice(1, 5).map(Number);
  const prefix = Number(m[5]);
  if (octets.some((o) => o > 255) || prefix > 32) return `"${text}" is not a valid IPv4 CIDR`;
  const addr = octets.reduce((acc, o) => acc * 256 + o, 0);
  const size = 2 ** (32 - prefix);
  if (addr % size !== 0)
    return `"${text}" has host bits set (the network address must be aligned to /${prefix})`;
  return { text, start: addr, end: addr + size - 1, prefix };
}

export function contains(outer: Cidr, inner: Cidr): boolean {
  return inner.start >= outer.start && inner.end <= outer.end;
}

export function overlaps(a: Cidr, b: Cidr): boolean {
  return a.start <= b.end && b.start <= a.end;
}
