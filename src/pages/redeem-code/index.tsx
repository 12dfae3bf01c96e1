import Taro, { useRouter } from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { useEffect, useState } from 'react'
import { call } from '../../api/client'
import { serverNow } from '../../api/server-clock'
import { useConfirm } from '../../components/confirm'
import { FieldError } from '../../components/field-error'
import { PageShell } from '../../components/page-shell'
import { QrImage } from '../../components/qr-image'
import { Done, ErrorView, Loading } from '../../components/states'
import { Button } from '../../components/ui'
import { useAction } from '../../hooks/use-action'
import { useQuery } from '../../hooks/use-query'
import { coins, countdown, shortTime } from '../../utils/format'
import './index.css'

/** How often the page asks whether the merchant has used the code. */
const POLL_MS = 3000

const secondsLeft = (expiresAt: string) => Math.max(0, Math.round((Date.parse(expiresAt) - serverNow().getTime()) / 1000))

/**
 * The one-time code to show at the counter: QR and 8 digits, a countdown on the server's
 * clock, and cancel (after asking). The page asks every few seconds how the code stands, so it
 * turns into 已兑换 with what was bought the moment the merchant confirms. Opened from 兑换
 * right after issuing, or again from 兑换记录 (`?code=…`).
 */
export default function RedeemCode() {
  const code = decodeURIComponent(useRouter().params.code ?? '')
  const state = useQuery(() => call('redeem', 'code', { code }), [code])
  const r = state.data?.redemption
  const [left, setLeft] = useState<number | undefined>(undefined)
  const cancel = useAction((requestId) => call('redeem', 'cancel', { code }, { requestId }))
  const { confirm, dialog } = useConfirm()
  const open = r?.status === 'open' && left !== 0

  useEffect(() => {
    if (!r || r.status !== 'open') return
    const tick = setInterval(() => setLeft(secondsLeft(r.expiresAt)), 1000)
    setLeft(secondsLeft(r.expiresAt))
    const poll = setInterval(() => void state.reload(), POLL_MS)
    return () => {
      clearInterval(tick)
      clearInterval(poll)
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [r?.status, r?.expiresAt])

  const askCancel = async () => {
    if (!r) return
    const yes = await confirm({ title: '取消这个兑换码？', content: `取消后「${r.offerTitle}」的兑换码就不能用了，不会扣时间币。`, confirmText: '确定取消' })
    if (yes && (await cancel.run())) void state.reload()
  }

  return (
    <PageShell title='出示兑换码'>
      {dialog}
      {state.loading && !r ? <Loading /> : null}
      {state.error && !r ? <ErrorView message={state.error.message} onRetry={state.reload} /> : null}
      {r ? (
        <View className='yq-section redeem-code'>
          <Text className='yq-section__title'>{r.offerTitle}</Text>
          <Text className='yq-muted'>
            {r.merchantName} · {coins(r.priceMinutes)} 时间币
          </Text>
          {open ? (
            <View className='redeem-code__code' data-testid='redeem-open'>
              <QrImage content={r.code} testId='redeem-qr' label='兑换二维码' />
              <Text className='redeem-code__digits' data-testid='redeem-digits'>
                {r.digits.slice(0, 4)} {r.digits.slice(4)}
              </Text>
              <Text className='yq-muted'>请让店员扫码或输入数字 · {left === undefined ? '' : `${countdown(left)}内有效`}</Text>
            </View>
          ) : null}
          {r.status === 'used' ? (
            <Done
              testId='redeem-used'
              title='已兑换'
              description={`「${r.offerTitle}」已在${r.merchantName}兑换，扣除 ${coins(r.priceMinutes)} 时间币${r.usedAt ? `（${shortTime(r.usedAt)}）` : ''}`}
            />
          ) : null}
          {r.status === 'cancelled' ? <Text className='yq-notice'>兑换码已取消，没有扣除时间币</Text> : null}
          {r.status === 'expired' || (r.status === 'open' && left === 0) ? (
            <Text className='yq-warning'>兑换码已过期，没有扣除时间币。需要的话请重新兑换。</Text>
          ) : null}
          <FieldError message={cancel.error} />
          <View className='yq-actions'>
            {open ? (
              <Button block loading={cancel.busy} onClick={askCancel}>
                不换了，取消
              </Button>
            ) : null}
            <Button type={open ? 'default' : 'primary'} size={open ? 'normal' : 'large'} block onClick={() => void Taro.reLaunch({ url: '/pages/me/index' })}>
              查看我的时间币
            </Button>
          </View>
        </View>
      ) : null}
    </PageShell>
  )
}
