import { deflateSync } from 'node:zlib';

/** Icon files the build emits and the web app manifest lists. */
export const ICON_SIZES = [192, 512] as const;

const BACKGROUND = [0x24, 0x57, 0xc5]; // --accent in src/app.css
const BAR = [0xff, 0xff, 0xff];
/** Three bars of a bar chart, as fractions of the icon: [left, top, right]; all end at 0.72. */
const BARS = [
  [0.26, 0.5, 0.36],
  [0.45, 0.3, 0.55],
  [0.64, 0.4, 0.74],
];

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/**
 * A square RGB PNG: the accent colour with three white bars. The bars stay inside the middle 80%, so the
 * same picture also works as a maskable icon (launchers crop to a circle or a rounded square).
 */
export function iconPng(size: number): Buffer {
  const rows = Buffer.alloc(size * (1 + size * 3));
  for (let y = 0; y < size; y++) {
    const row = y * (1 + size * 3); // each row starts with filter type 0 (none)
    for (let x = 0; x < size; x++) {
      const [u, v] = [(x + 0.5) / size, (y + 0.5) / size];
      const inBar = BARS.some(([l, t, r]) => u >= l! && u < r! && v >= t! && v < 0.72);
      rows.set(inBar ? BAR : BACKGROUND, row + 1 + x * 3);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit depth, truecolour, deflate, no filter, no interlace
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([
    signature,
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/**
 * A Windows icon file holding one PNG (allowed since Vista, read by every current browser), for hosts and
 * tools that ask for `/favicon.ico` whatever the page links.
 */
export function iconIco(size: number): Buffer {
  const png = iconPng(size);
  const header = Buffer.alloc(6 + 16);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(1, 4); // one image
  header.writeUInt8(size >= 256 ? 0 : size, 6); // width (0 means 256)
  header.writeUInt8(size >= 256 ? 0 : size, 7); // height
  header.writeUInt16LE(1, 10); // colour planes
  header.writeUInt16LE(32, 12); // bits per pixel
  header.writeUInt32LE(png.length, 14);
  header.writeUInt32LE(header.length, 18); // where the PNG starts
  return Buffer.concat([header, png]);
}

/** The committed files under public/ that `npm run icons` writes (and tests/unit check). */
export function iconFiles(): Record<string, Buffer> {
  return {
    'favicon.ico': iconIco(32),
    ...Object.fromEntries(ICON_SIZES.map((size) => [`icons/icon-${size}.png`, iconPng(size)])),
  };
}
