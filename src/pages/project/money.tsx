import Taro from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { CHANNEL_LABELS, type ProjectView } from '@contract'
import { call } from '../../api/client'
import { Photos } from '../../components/photos'
import { LoadMore, QueryStates } from '../../components/states'
import { Button, Cell, CellGroup } from '../../components/ui'
import { usePagedQuery } from '../../hooks/use-paged-query'
import { coins, shortTime, yuan } from '../../utils/format'
import './money.css'

const go = (url: string) => void Taro.navigateTo({ url })

/**
 * The public half of a project's page (DOMAIN.md "public page"): goal, raised, spent and left
 * with a bar; staff's and givers' buttons; every update, payment (with its evidence) and
 * donation, a page at a time. Anyone with the link sees it, logged in or not.
 */
export function ProjectMoney({ p }: { p: ProjectView }) {
  const m = p.money!
  const ref = { projectId: p.id }
  const updates = usePagedQuery((cursor) => call('fund', 'updates', { ...ref, ...(cursor ? { cursor } : {}) }), [p.id, p.lastUpdateAt], { atBottom: false })
  const paid = usePagedQuery((cursor) => call('fund', 'disbursements', { ...ref, ...(cursor ? { cursor } : {}) }), [p.id, m.spentFen], { atBottom: false })
  const given = usePagedQuery(
    (cursor) => call('fund', 'donations', { ...ref, ...(cursor ? { cursor } : {}) }),
    [p.id, m.raisedFen, m.donations, m.coinsMinutes],
  )
  const can = new Set(p.can)
  const extras = [...(m.goodsFen > 0 ? [`捐物估价 ${yuan(m.goodsFen)}`] : []), ...((m.coinsMinutes ?? 0) > 0 ? [`时间币 ${coins(m.coinsMinutes!)} 个`] : [])]
  const percent = p.goalFen > 0 ? Math.min(100, Math.floor((m.raisedFen * 100) / p.goalFen)) : 0
  return (
    <View>
      <View className='yq-section'>
        <Text className='yq-section__title'>筹款和支出</Text>
        <View className='money-bar' role='progressbar' aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent} aria-label={`已筹到目标的 ${percent}%`}>
          <View className='money-bar__fill' style={{ width: `${percent}%` }} />
        </View>
        <View className='money-figures' data-testid='money'>
          <Text>{`目标 ${yuan(p.goalFen)}`}</Text>
          <Text>{`已筹 ${yuan(m.raisedFen)}（${percent}%）`}</Text>
          <Text>{`已支出 ${yuan(m.spentFen)}`}</Text>
          <Text className='money-figures__left'>{`结余 ${yuan(m.leftFen)}`}</Text>
        </View>
        {extras.length > 0 ? <Text className='yq-muted'>{`另有${extras.join('，')}`}</Text> : null}
        {p.stale ? (
          <Text className='yq-error' data-testid='stale'>
            超过 90 天没有公示进展了，请发布一次进展（每三个月至少一次）。
          </Text>
        ) : null}
        {can.has('record') ? (
          <View className='yq-actions'>
            <Button type='primary' block onClick={() => go(`/staff/fund-record/index?id=${p.id}`)}>
              登记捐赠
            </Button>
            <Button block onClick={() => go(`/staff/fund-pay/index?id=${p.id}`)}>
              登记支出
            </Button>
            <Button block onClick={() => go(`/staff/fund-update/index?id=${p.id}`)}>
              发布进展
            </Button>
            <Button block onClick={() => go(`/staff/fund-update/index?id=${p.id}&close=1`)}>
              结项
            </Button>
          </View>
        ) : null}
        {can.has('donateCoins') ? (
          <Button type={can.has('record') ? 'default' : 'primary'} size='large' block onClick={() => go(`/pages/donate-coins/index?projectId=${p.id}`)}>
            捐时间币支持这个项目
          </Button>
        ) : null}
      </View>
      {p.closeReport ? (
        <CellGroup title='结项报告'>
          <Cell
            title={
              <Text className='yq-text' data-testid='close-report'>
                {p.closeReport.text}
              </Text>
            }
            description={shortTime(p.closeReport.at)}
          />
        </CellGroup>
      ) : null}
      <CellGroup title='项目进展'>
        {(updates.items ?? []).map((u) => (
          <Cell
            key={u.id}
            title={
              <Text className='yq-text' data-testid='update'>
                {u.kind === 'close' ? `【结项】${u.text}` : u.text}
              </Text>
            }
            description={
              <View>
                <Text>{`${u.authorName} · ${shortTime(u.at)}`}</Text>
                <Photos photos={u.photos} label='进展照片' />
              </View>
            }
          />
        ))}
      </CellGroup>
      <QueryStates query={updates} isEmpty={(updates.items ?? []).length === 0} emptyText='还没有发布进展' />
      <LoadMore query={updates} />
      <CellGroup title='每一笔支出'>
        {(paid.items ?? []).map((d) => (
          <Cell
            key={d.id}
            title={<Text data-testid='disbursement'>{`${d.purpose}：付给${d.payee}`}</Text>}
            description={
              <View>
                <Text>{`${shortTime(d.at)} · ${d.recordedBy}登记`}</Text>
                <Photos photos={d.evidence} label={`${d.purpose}的凭证`} />
              </View>
            }
            extra={<Text className='money-out'>{`-${yuan(d.amountFen)}`}</Text>}
          />
        ))}
      </CellGroup>
      <QueryStates query={paid} isEmpty={(paid.items ?? []).length === 0} emptyText='还没有支出' />
      <LoadMore query={paid} />
      <CellGroup title='每一笔捐赠'>
        {(given.items ?? []).map((d) => (
          <Cell
            key={d.id}
            title={<Text data-testid='donation'>{d.donorName}</Text>}
            description={`${d.kind === 'goods' ? `捐物：${d.goods}（估价）· ` : ''}${d.channel ? `${CHANNEL_LABELS[d.channel]} · ` : ''}${d.receiptNo ? `收据 ${d.receiptNo} · ` : ''}${shortTime(d.at)}`}
            extra={d.kind === 'coins' ? `${coins(d.amountMinutes ?? 0)} 币` : yuan(d.amountFen ?? d.valueFen ?? 0)}
          />
        ))}
      </CellGroup>
      <QueryStates query={given} isEmpty={(given.items ?? []).length === 0} emptyText='还没有捐赠' />
      <LoadMore query={given} />
    </View>
  )
}
