// Just enough of .xlsx to change one cell of an exported workbook, so the import test makes its
// files from the server's own export instead of keeping binary fixtures: a ZIP reader and writer
// (stored or deflated entries, no ZIP64) and a cell edit in the sheet's XML.
import { deflateRawSync, inflateRawSync } from 'node:zlib'

interface ZipEntry {
  name: string
  data: Buffer
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256)
  for (let n = 0; n < 256; n++) {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    table[n] = c >>> 0
  }
  return table
})()

function crc32(data: Buffer): number {
  let c = 0xffffffff
  for (const byte of data) c = (CRC_TABLE[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

/** The entries of a ZIP file, in the order of its central directory. */
export function readZip(zip: Buffer): ZipEntry[] {
  let end = -1
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) {
      end = i
      break
    }
  }
  if (end < 0) throw new Error('not a ZIP file (no end of central directory)')
  const count = zip.readUInt16LE(end + 10)
  let at = zip.readUInt32LE(end + 16)
  const entries: ZipEntry[] = []
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error(`bad central directory entry ${i}`)
    const method = zip.readUInt16LE(at + 10)
    const compressed = zip.readUInt32LE(at + 20)
    const nameLength = zip.readUInt16LE(at + 28)
    const extraLength = zip.readUInt16LE(at + 30)
    const commentLength = zip.readUInt16LE(at + 32)
    const local = zip.readUInt32LE(at + 42)
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength)
    const dataStart = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28)
    const raw = zip.subarray(dataStart, dataStart + compressed)
    if (method !== 0 && method !== 8) throw new Error(`${name}: compression method ${method} not supported`)
    entries.push({ name, data: method === 8 ? inflateRawSync(raw) : Buffer.from(raw) })
    at += 46 + nameLength + extraLength + commentLength
  }
  return entries
}

/** A ZIP file of `entries`, deflated. */
export function writeZip(entries: ZipEntry[]): Buffer {
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8')
    const packed = deflateRawSync(e.data)
    const crc = crc32(e.data)
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4) // version needed
    local.writeUInt16LE(0x0800, 6) // UTF-8 names
    local.writeUInt16LE(8, 8) // deflate
    local.writeUInt32LE(0x00210000, 10) // 1980-01-01 00:00
    local.writeUInt32LE(crc, 14)
    local.writeUInt32LE(packed.length, 18)
    local.writeUInt32LE(e.data.length, 22)
    local.writeUInt16LE(name.length, 26)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE(20, 4)
    central.writeUInt16LE(20, 6)
    central.writeUInt16LE(0x0800, 8)
    central.writeUInt16LE(8, 10)
    central.writeUInt32LE(0x00210000, 12)
    central.writeUInt32LE(crc, 16)
    central.writeUInt32LE(packed.length, 20)
    central.writeUInt32LE(e.data.length, 24)
    central.writeUInt16LE(name.length, 28)
    central.writeUInt32LE(offset, 42)
    locals.push(local, name, packed)
    centrals.push(central, name)
    offset += local.length + name.length + packed.length
  }
  const directory = Buffer.concat(centrals)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(entries.length, 8)
  end.writeUInt16LE(entries.length, 10)
  end.writeUInt32LE(directory.length, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, directory, end])
}

function xmlText(s: string): string {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&')
}

function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

/** A workbook opened for editing cells by sheet name, column header and row number. */
export class Workbook {
  private readonly entries: ZipEntry[]
  private readonly shared: string[]

  constructor(xlsx: Buffer) {
    this.entries = readZip(xlsx)
    const sst = this.file('xl/sharedStrings.xml', false)
    this.shared = sst
      ? [...sst.matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => xmlText((m[1] ?? '').replace(/<[^>]+>/g, '')))
      : []
  }

  private file(name: string, required = true): string {
    const e = this.entries.find((x) => x.name === name)
    if (!e && required) throw new Error(`the workbook has no ${name}`)
    return e ? e.data.toString('utf8') : ''
  }

  private sheetPath(sheet: string): string {
    const workbook = this.file('xl/workbook.xml')
    const tag = [...workbook.matchAll(/<sheet\b[^>]*>/g)].map((m) => m[0])
      .find((t) => t.includes(`name="${xmlEscape(sheet)}"`))
    const rid = tag && /r:id="([^"]+)"/.exec(tag)?.[1]
    if (!rid) throw new Error(`the workbook has no sheet “${sheet}”`)
    const rels = this.file('xl/_rels/workbook.xml.rels')
    const rel = [...rels.matchAll(/<Relationship\b[^>]*>/g)].map((m) => m[0]).find((t) => t.includes(`Id="${rid}"`))
    const target = rel && /Target="([^"]+)"/.exec(rel)?.[1]
    if (!target) throw new Error(`sheet “${sheet}” has no part`)
    return target.startsWith('/') ? target.slice(1) : `xl/${target}`
  }

  private cellValue(cell: string): string {
    const inline = /<is>([\s\S]*?)<\/is>/.exec(cell)
    if (inline) return xmlText((inline[1] ?? '').replace(/<[^>]+>/g, ''))
    const v = /<v>([\s\S]*?)<\/v>/.exec(cell)?.[1]
    if (v === undefined) return ''
    return /\bt="s"/.test(cell) ? this.shared[Number(v)] ?? '' : xmlText(v)
  }

  private cells(xml: string, row: number): Map<string, string> {
    const rowXml = new RegExp(`<row\\b[^>]*\\br="${row}"[^>]*>([\\s\\S]*?)</row>`).exec(xml)?.[1] ?? ''
    const out = new Map<string, string>()
    for (const m of rowXml.matchAll(/<c\b[^>]*?r="([A-Z]+)\d+"[^>]*?(?:\/>|>[\s\S]*?<\/c>)/g)) {
      out.set(m[1] ?? '', this.cellValue(m[0]))
    }
    return out
  }

  /** The column letter of the header `header` (row 1) of `sheet`. */
  column(sheet: string, header: string): string {
    for (const [column, text] of this.cells(this.file(this.sheetPath(sheet)), 1)) {
      if (text.trim().replace(/\*$/, '') === header) return column
    }
    throw new Error(`sheet “${sheet}” has no column “${header}”`)
  }

  /** The text of the cell under `header` in row `row` ('' when empty). */
  get(sheet: string, header: string, row: number): string {
    return this.cells(this.file(this.sheetPath(sheet)), row).get(this.column(sheet, header)) ?? ''
  }

  /** The first data row whose `header` cell is `value`. */
  findRow(sheet: string, header: string, value: string): number {
    const xml = this.file(this.sheetPath(sheet))
    const column = this.column(sheet, header)
    for (const m of xml.matchAll(/<row\b[^>]*\br="(\d+)"/g)) {
      const row = Number(m[1])
      if (row > 1 && this.cells(xml, row).get(column) === value) return row
    }
    throw new Error(`sheet “${sheet}” has no row with ${header} “${value}”`)
  }

  /** Writes `value` as text into an existing cell (keeping its style). */
  set(sheet: string, header: string, row: number, value: string): this {
    const path = this.sheetPath(sheet)
    const ref = `${this.column(sheet, header)}${row}`
    const xml = this.file(path)
    const cell = new RegExp(`<c\\b([^>]*?)\\br="${ref}"([^>]*?)(?:/>|>[\\s\\S]*?</c>)`)
    const m = cell.exec(xml)
    if (!m) throw new Error(`sheet “${sheet}” has no cell ${ref}`)
    const attributes = `${m[1] ?? ''} r="${ref}"${m[2] ?? ''}`.replace(/\s+t="[^"]*"/, '')
    const replaced = xml.replace(cell, `<c${attributes} t="inlineStr"><is><t>${xmlEscape(value)}</t></is></c>`)
    const entry = this.entries.find((e) => e.name === path)
    if (entry) entry.data = Buffer.from(replaced, 'utf8')
    return this
  }

  toBuffer(): Buffer {
    return writeZip(this.entries)
  }
}
