import Taro from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import type { OutputOf } from '@contract'
import { call } from '../../api/client'
import { serverNow } from '../../api/server-clock'
import { useConfirm } from '../../components/confirm'
import { FieldError } from '../../components/field-error'
import { PageShell } from '../../components/page-shell'
import { LoadMore, QueryStates } from '../../components/states'
import { Button, Cell, CellGroup, Store, Tag } from '../../components/ui'
import { usePagedQuery } from '../../hooks/use-paged-query'
import { useAction } from '../../hooks/use-action'
import { useQuery } from '../../hooks/use-query'
import { coins, shortTime } from '../../utils/format'

type Merchant = OutputOf<'redeem', 'merchants'>['items'][number]

/**
 * The street's merchants: what is owed to each (from the fund), settle it, pause a merchant —
 * each after a confirmation. The settlement cut-off is the server's time when staff confirm.
 */
export default function Merchants() {
  const me = useQuery(() => call('account', 'me'))
  // Back from registering a merchant, the list loads again (usePagedQuery refreshes on show).
  const list = usePagedQuery((cursor) => call('redeem', 'merchants', cursor ? { cursor } : {}))
  const { confirm, dialog } = useConfirm()
  const settle = useAction((requestId, merchantId: string, until: string) => call('redeem', 'settle', { merchantId, until }, { requestId }), {
    successToast: '已标记结算',
  })
  const suspend = useAction((requestId, merchantId: string, suspended: boolean) => call('redeem', 'suspendMerchant', { merchantId, suspended }, { requestId }))
  const roles = me.data?.user.roles.map((r) => r.role) ?? []
  const items = list.items ?? []

  const askSettle = async (m: Merchant) => {
    const until = serverNow()
    const yes = await confirm({
      title: `结算「${m.name}」？`,
      content: `截至 ${shortTime(until.toISOString())} 的 ${coins(m.unsettledMinutes)} 时间币将标记为已结算（请先按约定付清），标记后不能撤回。`,
      confirmText: '标记为已结算',
    })
    if (yes && (await settle.run(m.id, until.toISOString()))) void list.reload()
  }
  const askSuspend = async (m: Merchant) => {
    const pausing = m.status === 'active'
    const yes = await confirm({
      title: pausing ? `暂停「${m.name}」兑换？` : `恢复「${m.name}」兑换？`,
      content: pausing ? '暂停后志愿者不能在这家店兑换，已生成未使用的兑换码也不能核销。可以随时恢复。' : '恢复后志愿者可以在这家店兑换。',
      confirmText: pausing ? '暂停兑换' : '恢复兑换',
    })
    if (yes && (await suspend.run(m.id, pausing))) void list.reload()
  }

  return (
    <PageShell tab='merchants' roles={roles} title='爱心商户'>
      {dialog}
      <View className='yq-section'>
        <Button type='primary' size='large' block icon={<Store />} onClick={() => void Taro.navigateTo({ url: '/admin/merchant-new/index' })}>
          登记新商户
        </Button>
      </View>
      <FieldError message={settle.error} />
      <FieldError message={suspend.error} />
      <CellGroup>
        {items.map((m) => (
          <Cell
            key={m.id}
            title={
              <View className='yq-icon-title'>
                <Text className='yq-strong' data-testid='merchant-item'>
                  {m.name}
                </Text>
                {m.status === 'suspended' ? <Tag type='warning'>已暂停兑换</Tag> : null}
              </View>
            }
            description={
              <View>
                <Text className='yq-muted'>{m.address}</Text>
                <Text className='yq-text'>待结算：{coins(m.unsettledMinutes)} 时间币</Text>
                <View className='yq-row yq-inline-actions'>
                  {m.unsettledMinutes > 0 ? (
                    <Button size='small' type='primary' loading={settle.busy} onClick={() => void askSettle(m)}>
                      标记为已结算
                    </Button>
                  ) : null}
                  <Button size='small' loading={suspend.busy} onClick={() => void askSuspend(m)}>
                    {m.status === 'active' ? '暂停兑换' : '恢复兑换'}
                  </Button>
                </View>
              </View>
            }
          />
        ))}
      </CellGroup>
      <QueryStates query={list} isEmpty={items.length === 0} emptyText='还没有登记的商户' />
      <LoadMore query={list} />
    </PageShell>
  )
}
