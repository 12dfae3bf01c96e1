import Taro from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { useState } from 'react'
import type { Redemption } from '@contract'
import { call } from '../../api/client'
import { FieldError } from '../../components/field-error'
import { PageShell } from '../../components/page-shell'
import { Scanner } from '../../components/scanner'
import { Done, LoadMore, QueryStates } from '../../components/states'
import { Button, Cell, CellGroup, Order } from '../../components/ui'
import { usePagedQuery } from '../../hooks/use-paged-query'
import { useAction } from '../../hooks/use-action'
import { useQuery } from '../../hooks/use-query'
import { coins, shortTime } from '../../utils/format'

/**
 * The merchant's counter: scan the volunteer's code (or type its 8 digits), check what it is
 * for and whose it is (name masked), confirm, and see today's redemptions and total. The
 * check screen is the confirmation: nothing is taken before 确认兑换.
 */
export default function Counter() {
  const me = useQuery(() => call('account', 'me'))
  const today = usePagedQuery((cursor) => call('redeem', 'merchantRedemptions', cursor ? { cursor } : {}))
  const [entered, setEntered] = useState<string | undefined>(undefined)
  const [preview, setPreview] = useState<Redemption | undefined>(undefined)
  const [done, setDone] = useState<Redemption | undefined>(undefined)
  const look = useAction((_requestId, code: string) => call('redeem', 'preview', { code }))
  const confirm = useAction((requestId, code: string) => call('redeem', 'confirm', { code }, { requestId }), { successToast: '兑换成功' })
  const roles = me.data?.user.roles.map((r) => r.role) ?? []
  const items = today.items ?? []

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
    <PageShell tab='counter' roles={roles} title='核销兑换码'>
      {!preview && !done ? (
        <View className='yq-section'>
          <Text className='yq-section__title'>扫描顾客的兑换码</Text>
          <FieldError message={look.error} testId='counter-error' />
          <Scanner onCode={onCode} busy={look.busy} placeholder='输入 8 位数字或粘贴兑换码' submitLabel='查询兑换码' />
        </View>
      ) : null}
      {preview && !done ? (
        <View className='yq-section'>
          <Text className='yq-section__title'>请核对后确认</Text>
          <CellGroup>
            <Cell title='商品' extra={<Text data-testid='counter-offer'>{preview.offerTitle}</Text>} />
            <Cell title='顾客' extra={preview.holderName} />
            <Cell title='扣除' extra={<Text className='yq-strong'>{coins(preview.priceMinutes)} 时间币</Text>} />
          </CellGroup>
          <FieldError message={confirm.error} />
          <Button
            type='primary'
            size='large'
            block
            loading={confirm.busy}
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
          <View className='yq-actions'>
            <Button block onClick={reset}>
              不兑换，返回
            </Button>
          </View>
        </View>
      ) : null}
      {done ? (
        <View className='yq-section'>
          <Done testId='counter-result' title='兑换成功' description={`${done.offerTitle} · ${coins(done.priceMinutes)} 时间币`} />
          <Button type='primary' size='large' block onClick={reset}>
            继续核销
          </Button>
        </View>
      ) : null}
      <CellGroup title='今天的兑换'>
        <Cell
          title={
            <Text data-testid='counter-total'>{today.first ? `共 ${today.first.count} 笔，${coins(today.first.totalMinutes)} 时间币` : '今天的合计'}</Text>
          }
          description={today.first ? `待结算 ${coins(today.first.unsettledMinutes)} 时间币` : undefined}
        />
        {items.map((r) => (
          <Cell
            key={r.code}
            title={r.offerTitle}
            description={`${r.usedAt ? shortTime(r.usedAt) : ''} · ${r.holderName}`}
            extra={`${coins(r.priceMinutes)} 币`}
          />
        ))}
      </CellGroup>
      <QueryStates query={today} isEmpty={items.length === 0} emptyText='今天还没有兑换' />
      <LoadMore query={today} />
      <View className='yq-actions'>
        <Button block icon={<Order />} onClick={() => void Taro.navigateTo({ url: '/shop/merchant-offers/index' })}>
          管理本店商品
        </Button>
      </View>
    </PageShell>
  )
}
