import Taro from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { PROXY_SCOPE_LABELS } from '@contract'
import { call } from '../../api/client'
import { FieldError } from '../../components/field-error'
import { PageShell } from '../../components/page-shell'
import { LoadMore, QueryStates } from '../../components/states'
import { Button, Cell, CellGroup } from '../../components/ui'
import { useAction } from '../../hooks/use-action'
import { usePagedQuery } from '../../hooks/use-paged-query'
import { useQuery } from '../../hooks/use-query'
import { shortTime } from '../../utils/format'

/** Staff: the community's managed accounts (elders without WeChat) and the proxy requests waiting for them. */
export default function Elders() {
  const me = useQuery(() => call('account', 'me'))
  const communityId = me.data?.user.roles.find((r) => r.role === 'staff')?.scope ?? me.data?.user.communityId
  const waiting = usePagedQuery(
    (cursor) =>
      communityId ? call('account', 'proxies', { communityId, status: 'requested', ...(cursor ? { cursor } : {}) }) : Promise.resolve({ items: [] }),
    [communityId],
  )
  const elders = usePagedQuery(
    (cursor) => (communityId ? call('account', 'managed', { communityId, ...(cursor ? { cursor } : {}) }) : Promise.resolve({ items: [] })),
    [communityId],
  )
  const verify = useAction((requestId, linkId: string) => call('account', 'proxyVerify', { linkId }, { requestId }), { successToast: '已核实' })
  const open = (url: string) => void Taro.navigateTo({ url })
  const queue = waiting.items ?? []
  const list = elders.items ?? []
  return (
    <PageShell title='长者与代持'>
      <View className='yq-section'>
        <Button type='primary' size='large' block onClick={() => open('/staff/elder-edit/index')}>
          新建代管账户
        </Button>
      </View>
      <CellGroup title='待核实的代持申请'>
        {queue.map((l) => (
          <Cell
            key={l.id}
            title={
              <Text data-testid='waiting-link'>
                {l.proxyName} 申请代持 {l.elderName}
              </Text>
            }
            description={`${l.scopes.map((s) => PROXY_SCOPE_LABELS[s]).join('、')} · ${shortTime(l.requestedAt)} · 点这里看长者`}
            clickable
            onClick={() => open(`/pages/elder/index?id=${l.elderId}`)}
          />
        ))}
      </CellGroup>
      <QueryStates query={waiting} isEmpty={queue.length === 0} emptyText='没有等待核实的申请' />
      <LoadMore query={waiting} />
      <View className='yq-section'>
        {queue.map((l) => (
          <View key={l.id} className='yq-actions'>
            <Button block loading={verify.busy} onClick={async () => (await verify.run(l.id)) && void waiting.reload()}>
              核实通过：{l.proxyName} 代持 {l.elderName}
            </Button>
          </View>
        ))}
        <FieldError message={verify.error} />
      </View>
      <CellGroup title='代管账户'>
        {list.map((u) => (
          <Cell
            key={u.id}
            title={<Text data-testid='elder-item'>{u.name}</Text>}
            description={`${u.birthYear ? `${u.birthYear} 年生` : ''}${u.phone ? ` · ${u.phone}` : ''}${u.address ? ` · ${u.address}` : ''}`}
            clickable
            onClick={() => open(`/pages/elder/index?id=${u.id}`)}
          />
        ))}
      </CellGroup>
      <QueryStates query={elders} isEmpty={list.length === 0} emptyText='还没有代管账户' />
      <LoadMore query={elders} />
    </PageShell>
  )
}
