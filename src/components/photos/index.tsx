import Taro from '@tarojs/taro'
import { Image, Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { FileRef } from '@contract'
import { ApiCallError } from '../../api/client'
import { uploadPhoto } from '../../api/upload'
import { FieldError } from '../field-error'
import { previewPhoto } from './preview'
import { Button } from '../ui'
import './index.css'

/** A file store URL as the page can load it (the local gateway's are paths on its own origin). */
const shown = (url: string): string => (url.startsWith('/') ? `${process.env.YQ_API_BASE || ''}${url}` : url)

/** Photos in a row; a tap opens them full size (WeChat's previewer, or a browser tab on H5). */
export function Photos({ photos, label }: { photos: FileRef[]; label: string }) {
  if (photos.length === 0) return null
  const urls = photos.map((p) => shown(p.url))
  return (
    <View className='photos' data-testid='photos'>
      {urls.map((url, i) => (
        <Image
          key={photos[i].fileId}
          className='photos__thumb'
          src={url}
          mode='aspectFill'
          aria-label={`${label}第 ${i + 1} 张，点开看大图`}
          // H5 draws an <img> inside; it needs its own text for screen readers (axe image-alt).
          nativeProps={{ alt: `${label}第 ${i + 1} 张` }}
          onClick={() => previewPhoto(urls, url)}
        />
      ))}
    </View>
  )
}

/**
 * Choose photos (camera or album), each checked for size and type and uploaded at once; shown
 * as they will be, each with a button to take it out again.
 */
export function PhotoPicker({
  value,
  onChange,
  label,
  max = 9,
  error,
}: {
  value: FileRef[]
  onChange: (v: FileRef[]) => void
  label: string
  max?: number
  error?: string
}) {
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState<string | undefined>(undefined)
  const add = async () => {
    setProblem(undefined)
    let picked: Taro.chooseImage.SuccessCallbackResult
    try {
      picked = await Taro.chooseImage({ count: max - value.length, sizeType: ['compressed'], sourceType: ['album', 'camera'] })
    } catch {
      return // the person changed their mind
    }
    setBusy(true)
    const added: FileRef[] = []
    try {
      for (const f of picked.tempFiles) added.push(await uploadPhoto({ path: f.path, size: f.size }))
    } catch (e) {
      setProblem(e instanceof ApiCallError ? e.message : '照片没有传上去，请再试一次')
    } finally {
      setBusy(false)
      if (added.length > 0) onChange([...value, ...added])
    }
  }
  return (
    <View className='yq-form-row'>
      <Text className='yq-label'>{label}</Text>
      <View className='photos'>
        {value.map((p, i) => (
          <View key={p.fileId} className='photos__item'>
            <Image
              className='photos__thumb'
              src={shown(p.url)}
              mode='aspectFill'
              aria-label={`已选第 ${i + 1} 张`}
              nativeProps={{ alt: `已选第 ${i + 1} 张` }}
            />
            <Button size='small' onClick={() => onChange(value.filter((x) => x.fileId !== p.fileId))}>
              删除
            </Button>
          </View>
        ))}
      </View>
      {value.length < max ? (
        <Button block loading={busy} onClick={() => !busy && void add()}>
          {busy ? '正在上传…' : value.length === 0 ? '拍照或选照片' : '再加照片'}
        </Button>
      ) : null}
      <Text className='yq-muted'>{`最多 ${max} 张，每张不超过 5 MB`}</Text>
      <FieldError message={problem ?? error} testId='photo-error' />
    </View>
  )
}
