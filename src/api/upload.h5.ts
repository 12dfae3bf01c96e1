import type { FileRef } from '@contract'
import { ApiCallError } from './client'
import { getDevToken } from './session'
import { checkPhoto } from './upload-check'
import type { PickedPhoto } from './upload'

/** H5: the picked file (a blob: URL) to the local gateway's file store. */
export async function uploadPhoto(photo: PickedPhoto): Promise<FileRef> {
  const blob = await (await fetch(photo.path)).blob()
  checkPhoto(blob.size, blob.type)
  const token = getDevToken()
  const res = await fetch(`${process.env.YQ_API_BASE || ''}/files`, {
    method: 'POST',
    headers: { 'content-type': blob.type, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: blob,
  })
  const answer = (await res.json().catch(() => null)) as { ok: boolean; data?: FileRef; error?: { code: string; message: string } } | null
  if (!answer?.ok || !answer.data) throw new ApiCallError(answer?.error ?? { code: 'INTERNAL', message: '照片没有传上去，请再试一次' })
  return answer.data
}
