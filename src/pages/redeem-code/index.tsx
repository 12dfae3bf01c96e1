import Taro, { useRouter } from '@tarojs/taro'
import { View, Text, Button } from '@tarojs/components'
import { useEffect, useState } from 'react'
import { call } from '../../api/client'
import { FieldError } from '../../components/field-error'
import { PageShell } from '../../components/page-shell'
import { QrImage } from '../../components/qr-image'
import { useAction } from '../../hooks/use-action'

/** The one-time code to show at the counter: QR and 8 digits, a countdown, and cancel. */
export default function RedeemCode() {
  const { code = '', digits = '', expiresAt = '', title = '' } = useRouter().params
  const decoded = { code: decodeURIComponent(code), expiresAt: decodeURIComponent(expiresAt), title: decodeURIComponent(title) }
  const [left, setLeft] = useState(() => Math.max(0, Math.round((Date.parse(decoded.expiresAt) - Date.now()) / 1000)))
  const [cancelled, setCancelled] = useState(false)
  const cancel = useAction((requestId) => call('redeem', 'cancel', { code: decoded.code }, { requestId }))
  useEffect(() => {
    const t = setInterval(() => setLeft(Math.max(0, Math.round((Date.parse(decoded.expiresAt) - Date.now()) / 1000))), 1000)
    return () => clearInterval(t)
  }, [decoded.expiresAt])
  const expired = left === 0
  return (
    <PageShell>
      <View className='yq-card' style={{ textAlign: 'center' }}>
        <Text className='yq-card__title'>{decoded.title}</Text>
        {cancelled ? <Text style={{ display: 'block' }}>兑换码已取消，没有扣除时间币</Text> : null}
        {!cancelled && !expired ? (
          <View>
            <QrImage content={decoded.code} testId='redeem-qr' />
            <Text style={{ display: 'block', fontSize: '1.8em', fontWeight: 'bold', letterSpacing: '0.15em' }} data-testid='redeem-digits'>
              {digits.slice(0, 4)} {digits.slice(4)}
            </Text>
            <Text className='yq-muted' style={{ display: 'block' }}>
              请让店员扫码或输入数字 · {Math.floor(left / 60)} 分 {left % 60} 秒内有效
            </Text>
          </View>
        ) : null}
        {!cancelled && expired ? <Text style={{ display: 'block' }}>兑换码已过期，没有扣除时间币。需要的话请重新兑换。</Text> : null}
        <FieldError message={cancel.error} />
        {!cancelled && !expired ? (
          <Button className='yq-button yq-button--ghost' disabled={cancel.busy} onClick={async () => (await cancel.run()) && setCancelled(true)}>
            不换了，取消
          </Button>
        ) : null}
        <Button className='yq-button' onClick={() => void Taro.reLaunch({ url: '/pages/me/index' })}>
          查看我的时间币
        </Button>
      </View>
    </PageShell>
  )
}
