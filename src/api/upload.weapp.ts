import Taro from '@tarojs/taro'
import type { FileRef } from '@contract'
import { ApiCallError } from './client'
import { initCloud } from './transport.weapp'
import { checkPhoto, typeOfPath } from './upload-check'
import type { PickedPhoto } from './upload'

/** WeChat: straight to CloudBase cloud storage; the function later checks the fileID's size and type again. */
export async function uploadPhoto(photo: PickedPhoto): Promise<FileRef> {
  const type = typeOfPath(photo.path)
  checkPhoto(photo.size, type)
  const ext = type === 'image/png' ? 'png' : type === 'image/webp' ? 'webp' : 'jpg'
  const cloudPath = `photos/${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}.${ext}`
  initCloud()
  try {
    const res = await Taro.cloud.uploadFile({ cloudPath, filePath: photo.path })
    return { fileId: res.fileID, url: photo.path }
  } catch (e) {
    throw new ApiCallError({ code: 'FILE.INVALID', message: `照片没有传上去，请再试一次（${(e as { errMsg?: string }).errMsg ?? ''}）` })
  }
}
