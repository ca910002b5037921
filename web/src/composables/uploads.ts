// Files sent inside a JSON body (a step's or a hand-entered warning's attachments): their bytes
// in base64, checked against the server's limits before anything is sent.
import type { UploadFile } from '@/api/warnings'

/** The server's limit per file (src/service/oversight_service.h kMaxAttachmentBytes). */
export const MAX_FILE_BYTES = 10 * 1024 * 1024
/** Files per step (src/oversight/lifecycle.cc kMaxAttachments). */
export const MAX_FILES = 20
/** Bytes of all files of one request: base64 grows them by a third, and a body may have 32 MiB. */
export const MAX_TOTAL_BYTES = 22 * 1024 * 1024

/** A file chosen in a form, read and ready to send. */
export interface PickedFile extends UploadFile {
  size: number
}

/** Standard base64 of bytes (chunked: String.fromCharCode takes only so many arguments). */
export function base64FromBytes(bytes: Uint8Array): string {
  let binary = ''
  const chunk = 0x8000
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk))
  }
  return btoa(binary)
}

/** Reads a chosen file into what the API takes. */
export async function readUpload(file: File): Promise<PickedFile> {
  const bytes = new Uint8Array(await file.arrayBuffer())
  return {
    name: file.name,
    type: file.type || 'application/octet-stream',
    size: file.size,
    data: base64FromBytes(bytes),
  }
}

/** An i18n key and its parameters: what is wrong, for the person filling the form. */
export interface FormError {
  key: string
  params?: Record<string, string | number>
}

/**
 * Whether `file` may join `chosen`: null, or why not (empty, too large, too many, too much in
 * all). Checked before reading, so a 1 GB file is never read into memory.
 */
export function uploadProblem(file: { name: string; size: number }, chosen: readonly { size: number }[]):
  FormError | null {
  if (file.size === 0) return { key: 'files.errors.empty', params: { name: file.name } }
  if (file.size > MAX_FILE_BYTES) {
    return { key: 'files.errors.tooLarge', params: { name: file.name, mb: MAX_FILE_BYTES / 1024 / 1024 } }
  }
  if (chosen.length >= MAX_FILES) return { key: 'files.errors.tooMany', params: { n: MAX_FILES } }
  const total = chosen.reduce((sum, f) => sum + f.size, file.size)
  if (total > MAX_TOTAL_BYTES) {
    return { key: 'files.errors.tooMuch', params: { mb: MAX_TOTAL_BYTES / 1024 / 1024 } }
  }
  return null
}

/** The files as the request carries them (without the size the form shows). */
export function requestFiles(files: readonly PickedFile[]): UploadFile[] | undefined {
  return files.length ? files.map(({ name, type, data }) => ({ name, type, data })) : undefined
}

/** 1536 → "1.5 KB" */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}
