import Taro from '@tarojs/taro'
import { View, Text, Button } from '@tarojs/components'
import { useState } from 'react'
import type { Redemption } from '@contract'
import { call } from '../../api/client'
import { FieldError } from '../../components/field-error'
import { PageShell } from '../../components/page-shell'
import { Scanner } from '../../components/scanner'
import { Empty, LoadMore, QueryStates } from '../../components/states'
import { usePagedQuery } from '../../hooks/use-paged-query'
import { useAction } from '../../hooks/use-action'
import { useQuery } from '../../hooks/use-query'
import { coins, shortTime } from '../../utils/format'

/**
 * The merchant's counter: scan the volunteer's code (or type its 8 digits), check what it is
 * for and whose it is (name masked), confirm, and see today's redemptions and total.
 */
export default function Counter() {
  const me = useQuery(() => call('account', 'me'))
  const today = usePagedQuery((cursor) => call('redeem', 'merchantRedemptions', cursor ? { cursor } : {}))
  const [entered, setEntered] = useState<string | undefined>(undefined)
  const [preview, setPreview] = useState<Redemption | undefined>(undefined)
  const [done, setDone] = useState<Redemption | undefined>(undefined)
  const look = useAction((_requestId, code: string) => call('redeem', 'preview', { code }))
  const confirm = useAction((requestId, code: string) => call('redeem', 'confirm', { code }, { requestId }))
  const roles = me.data?.user.roles.map((r) => r.role) ?? []

  const onCode = async (code: string) => {
    setDone(undefined)
    const r = await look.run(code)
    if (r) {
      setEntered(code)
      setPreview(r.redemption)
    }
  }
  const reset = () => {
    setPreview(undefined)
    setEntered(undefined)
    setDone(undefined)
  }

  return (
    <PageShell tab='counter' roles={roles}>
      {!preview && !done ? (
        <View className='yq-card'>
          <Text className='yq-card__title'>扫描顾客的兑换码</Text>
          <FieldError message={look.error} testId='counter-error' />
          <Scanner onCode={onCode} busy={look.busy} placeholder='输入 8 位数字或粘贴兑换码' submitLabel='查询兑换码' />
        </View>
      ) : null}
      {preview && !done ? (
        <View className='yq-card'>
          <Text className='yq-card__title'>请核对</Text>
          <Text style={{ display: 'block', fontSize: '1.2em' }} data-testid='counter-offer'>
            {preview.offerTitle}
          </Text>
          <Text style={{ display: 'block' }}>顾客：{preview.holderName}</Text>
          <Text style={{ display: 'block', color: '#c2410c', fontWeight: 'bold' }}>{coins(preview.priceMinutes)} 时间币</Text>
          <FieldError message={confirm.error} />
          <Button
            className='yq-button'
            loading={confirm.busy}
            disabled={confirm.busy}
            onClick={async () => {
              const r = await confirm.run(entered!)
              if (r) {
                setDone(r.redemption)
                void today.reload()
              }
            }}
          >
            确认兑换
          </Button>
          <Button className='yq-button yq-button--ghost' onClick={reset}>
            取消
          </Button>
        </View>
      ) : null}
      {done ? (
        <View className='yq-card'>
          <Text className='yq-card__title' data-testid='counter-result'>
            兑换成功
          </Text>
          <Text style={{ display: 'block' }}>
            {done.offerTitle} · {coins(done.priceMinutes)} 时间币
          </Text>
          <Button className='yq-button' onClick={reset}>
            继续核销
          </Button>
        </View>
      ) : null}
      <Button className='yq-button yq-button--ghost' onClick={() => void Taro.navigateTo({ url: '/pages/merchant-offers/index' })}>
        管理本店商品
      </Button>
      <View className='yq-card'>
        <Text className='yq-card__title'>今天的兑换</Text>
        <QueryStates query={today} />
        {today.first ? (
          <Text style={{ display: 'block' }} data-testid='counter-total'>
            共 {today.first.count} 笔，{coins(today.first.totalMinutes)} 时间币（待结算 {coins(today.first.unsettledMinutes)}）
          </Text>
        ) : null}
        {today.items && today.items.length === 0 ? <Empty text='今天还没有兑换' /> : null}
        {(today.items ?? []).map((r) => (
          <Text key={r.code} className='yq-muted' style={{ display: 'block' }}>
            {r.usedAt ? shortTime(r.usedAt) : ''} {r.offerTitle} · {r.holderName} · {coins(r.priceMinutes)}
          </Text>
        ))}
        <LoadMore query={today} />
      </View>
    </PageShell>
  )
}
