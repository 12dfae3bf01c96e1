import { View } from '@tarojs/components'
import jsQR from 'jsqr'
import { useEffect, useRef, useState } from 'react'
import { FieldError } from '../field-error'
import { TextField } from '../form'
import { Button, Scan } from '../ui'

export function Scanner({
  onCode,
  busy,
  placeholder = '粘贴签到码',
  submitLabel = '提交签到码',
}: {
  onCode: (code: string) => void
  busy?: boolean
  placeholder?: string
  submitLabel?: string
}) {
  const [typed, setTyped] = useState('')
  const [camera, setCamera] = useState(false)
  const [cameraError, setCameraError] = useState<string | undefined>(undefined)
  const hasCamera = typeof navigator !== 'undefined' && !!navigator.mediaDevices?.getUserMedia
  return (
    <View>
      {hasCamera && !camera ? (
        <Button type='primary' size='large' block icon={<Scan />} onClick={() => setCamera(true)}>
          打开摄像头扫码
        </Button>
      ) : null}
      {camera ? (
        <CameraView
          onCode={(c) => {
            setCamera(false)
            onCode(c)
          }}
          onError={(m) => {
            setCamera(false)
            setCameraError(m)
          }}
        />
      ) : null}
      <FieldError message={cameraError} />
      <TextField label='或者输入' value={typed} placeholder={placeholder} onChange={setTyped} />
      <View className='yq-actions'>
        <Button block loading={busy} disabled={typed.trim() === ''} onClick={() => !busy && onCode(typed.trim())}>
          {submitLabel}
        </Button>
      </View>
    </View>
  )
}

function CameraView({ onCode, onError }: { onCode: (c: string) => void; onError: (m: string) => void }) {
  const box = useRef<HTMLDivElement | null>(null)
  useEffect(() => {
    let stream: MediaStream | undefined
    let stopped = false
    const video = document.createElement('video')
    video.setAttribute('playsinline', 'true')
    video.style.width = '100%'
    const canvas = document.createElement('canvas')
    const start = async () => {
      try {
        stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } })
      } catch {
        onError('无法打开摄像头，请在下方输入签到码')
        return
      }
      video.srcObject = stream
      await video.play()
      ;(box.current as unknown as { appendChild(n: Node): void } | null)?.appendChild(video)
      const loop = () => {
        if (stopped) return
        if (video.videoWidth) {
          canvas.width = video.videoWidth
          canvas.height = video.videoHeight
          const ctx = canvas.getContext('2d')!
          ctx.drawImage(video, 0, 0)
          const img = ctx.getImageData(0, 0, canvas.width, canvas.height)
          const found = jsQR(img.data, img.width, img.height)
          if (found?.data) return onCode(found.data)
        }
        requestAnimationFrame(loop)
      }
      loop()
    }
    void start()
    return () => {
      stopped = true
      stream?.getTracks().forEach((t) => t.stop())
      video.remove()
    }
  }, [onCode, onError])
  return <View ref={box as never} />
}
