import Taro from '@tarojs/taro'
import { Button, Scan } from '../ui'

export function Scanner({ onCode, busy }: { onCode: (code: string) => void; busy?: boolean; placeholder?: string; submitLabel?: string }) {
  const scan = async () => {
    try {
      const r = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] })
      onCode(r.result)
    } catch {
      // The person closed the scanner: nothing to do.
    }
  }
  return (
    <Button type='primary' size='large' block icon={<Scan />} loading={busy} onClick={scan}>
      扫一扫
    </Button>
  )
}
