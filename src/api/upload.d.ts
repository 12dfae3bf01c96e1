import type { FileRef } from '@contract'

/**
 * One photo to the file store (API.md "Lists and files"): CloudBase cloud storage on WeChat
 * (upload.weapp.ts), the local gateway's POST /files on H5 (upload.h5.ts). Both check size
 * and type first and answer the fileId actions take, with a URL to show it.
 */
export interface PickedPhoto {
  path: string
  size: number
}
export function uploadPhoto(photo: PickedPhoto): Promise<FileRef>
