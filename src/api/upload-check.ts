import { UPLOAD_LIMITS } from '@contract'
import { ApiCallError } from './client'

const refuse = (message: string) => new ApiCallError({ code: 'FILE.INVALID', message })

/** Checked on the phone before anything is sent; the file store checks again on arrival. */
export function checkPhoto(size: number, type: string): void {
  if (!(type in UPLOAD_LIMITS.types)) throw refuse('只能上传照片（JPG、PNG 或 WebP）')
  if (size > UPLOAD_LIMITS.maxBytes) throw refuse('照片太大了，每张不能超过 5 MB')
}

const TYPE_OF_EXT: Record<string, string> = { jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp' }
/** A picked file's type, from its name (WeChat gives temp paths with the real extension). */
export const typeOfPath = (path: string): string => TYPE_OF_EXT[path.split('?')[0].split('.').pop()?.toLowerCase() ?? ''] ?? ''
