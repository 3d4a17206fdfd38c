import { constants, deflateRawSync } from 'node:zlib';

// Zip bombs for the upload tests (issue 15): small on disk (under 1 MB), hundreds of MiB inflated.

/** One deflate stream of `copies` × 1 MiB of sheet XML, built from ONE compressed MiB (small on disk). */
export function bombStream(copies: number): Buffer {
  const row = '<c/>';
  const mib = Buffer.from(row.repeat(Math.ceil((1024 * 1024) / row.length)).slice(0, 1024 * 1024));
  // A full flush ends the piece on a byte boundary with no reference to earlier data: pieces chain.
  const piece = deflateRawSync(mib, { level: 9, finishFlush: constants.Z_FULL_FLUSH });
  const last = Buffer.from([0x03, 0x00]); // an empty final block
  return Buffer.concat([...Array.from({ length: copies }, () => piece), last]);
}

/** A ZIP with these deflated entries; `declared` overrides an entry's declared inflated size. */
export function zip(entries: { name: string; data: Buffer; size: number }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(e.data.length, 18);
    local.writeUInt32LE(e.size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(e.data.length, 20);
    central.writeUInt32LE(e.size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, e.data);
    centrals.push(central, name);
    offset += 30 + name.length + e.data.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

/**
 * An XLSX-shaped zip bomb whose directory lies: it declares 60 × its compressed size (under the
 * ratio and total limits), so only the capped inflater stops it; `copies` MiB inflated.
 */
export function lyingZipBombXlsx(copies = 600): Buffer {
  const sheet = bombStream(copies);
  return zip([
    { name: '[Content_Types].xml', data: deflateRawSync('<Types/>'), size: 8 },
    { name: 'xl/worksheets/sheet1.xml', data: sheet, size: sheet.length * 60 },
  ]);
}
