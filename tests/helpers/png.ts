/**
 * A minimal PNG decoder for tests (8-bit greyscale, grey+alpha, RGB, RGBA; not interlaced): enough to check
 * that a headless-browser screenshot has the expected size and actually shows something.
 */
import { inflateSync } from "node:zlib";

export interface DecodedPng {
  width: number;
  height: number;
  /** Bytes per pixel. */
  channels: number;
  /** Unfiltered pixel rows, `width * channels` bytes each. */
  pixels: Buffer;
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 4: 2, 6: 4 };

export function decodePng(buf: Buffer): DecodedPng {
  if (buf.length < 8 || !buf.subarray(0, 8).equals(SIGNATURE)) throw new Error("not a PNG (bad signature)");
  let pos = 8;
  let width = 0;
  let height = 0;
  let channels = 0;
  const idat: Buffer[] = [];
  while (pos + 8 <= buf.length) {
    const len = buf.readUInt32BE(pos);
    const type = buf.toString("latin1", pos + 4, pos + 8);
    const data = buf.subarray(pos + 8, pos + 8 + len);
    pos += 12 + len;
    if (type === "IHDR") {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      const [depth, colorType, , , interlace] = [data[8], data[9], data[10], data[11], data[12]];
      if (depth !== 8 || !(colorType in CHANNELS) || interlace !== 0)
        throw new Error(
          `unsupported PNG: bit depth ${depth}, colour type ${colorType}, interlace ${interlace}`,
        );
      channels = CHANNELS[colorType];
    } else if (type === "IDAT") idat.push(data);
    else if (type === "IEND") break;
  }
  if (!width || !height) throw new Error("PNG without IHDR");
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  if (raw.length !== height * (stride + 1))
    throw new Error(`PNG data is ${raw.length} bytes, expected ${height * (stride + 1)}`);
  const out = Buffer.alloc(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const row = out.subarray(y * stride, (y + 1) * stride);
    const prev = y > 0 ? out.subarray((y - 1) * stride, y * stride) : Buffer.alloc(stride);
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? row[x - channels] : 0;
      const b = prev[x];
      const c = x >= channels ? prev[x - channels] : 0;
      let v = line[x];
      if (filter === 1) v += a;
      else if (filter === 2) v += b;
      else if (filter === 3) v += (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      } else if (filter !== 0) throw new Error(`bad PNG filter ${filter} on row ${y}`);
      row[x] = v & 0xff;
    }
  }
  return { width, height, channels, pixels: out };
}

/** The share of pixels in a horizontal band [y0, y1) that differ from white, and how many distinct colours it has. */
export function inkStats(png: DecodedPng, y0 = 0, y1 = png.height): { ink: number; colours: number } {
  let ink = 0;
  const colours = new Set<number>();
  for (let y = y0; y < y1; y++)
    for (let x = 0; x < png.width; x++) {
      const i = (y * png.width + x) * png.channels;
      const [r, g, b] =
        png.channels >= 3
          ? [png.pixels[i], png.pixels[i + 1], png.pixels[i + 2]]
          : [png.pixels[i], png.pixels[i], png.pixels[i]];
      if (r < 245 || g < 245 || b < 245) ink++;
      colours.add((r << 16) | (g << 8) | b);
    }
  return { ink: ink / (png.width * (y1 - y0)), colours: colours.size };
}
