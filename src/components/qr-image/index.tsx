import { Image } from '@tarojs/components'
import qrcode from 'qrcode-generator'
import { useMemo } from 'react'
import './index.css'

/** A QR code drawn on the device (qrcode-generator, GIF data URL): no network, no canvas. `label` is what a screen reader says. */
export function QrImage({ content, testId, label }: { content: string; testId?: string; label: string }) {
  const src = useMemo(() => {
    const qr = qrcode(0, 'M')
    qr.addData(content)
    qr.make()
    return qr.createDataURL(8, 4)
  }, [content])
  return <Image className='yq-qr' src={src} mode='scaleToFill' data-testid={testId} nativeProps={{ alt: label }} ariaLabel={label} />
}
