import { View, Text, Switch } from '@tarojs/components'
import { ROLE_LABELS, type Role } from '@contract'
import { call } from '../../api/client'
import { PageShell } from '../../components/page-shell'
import { LoadMore, QueryStates } from '../../components/states'
import { SwitchUser } from '../../components/switch-user'
import { useElderMode } from '../../hooks/use-elder-mode'
import { usePagedQuery } from '../../hooks/use-paged-query'
import { useQuery } from '../../hooks/use-query'
import { coins, shortTime, signedCoins } from '../../utils/format'
import './index.css'

/** 我的: who I am, my roles, my 时间币 and every movement of them, and 长辈模式. */
export default function Me() {
  const me = useQuery(() => call('account', 'me'))
  const history = usePagedQuery((cursor) => call('wallet', 'history', cursor ? { cursor } : {}))
  const { elder, setElder } = useElderMode()
  const roles = me.data?.user.roles.map((r) => r.role) ?? []
  const items = history.items ?? []

  return (
    <PageShell tab='me' roles={roles}>
      <QueryStates query={me} />
      {me.data ? (
        <View className='yq-card'>
          <Text className='me__name' data-testid='me-name'>
            {me.data.user.name}
          </Text>
          <Text className='yq-muted me__community'>{me.data.user.communityName}</Text>
          <View className='me__roles'>
            {me.data.user.roles.map((r) => (
              <Text key={`${r.role}:${r.scope}`} className='yq-chip'>
                {ROLE_LABELS[r.role as Role] ?? r.role}
              </Text>
            ))}
          </View>
        </View>
      ) : null}

      {me.data ? (
        <View className='yq-card'>
          <Text className='yq-muted'>我的时间币</Text>
          <Text className='yq-big-number' data-testid='me-balance'>
            {coins(me.data.walletMinutes)}
          </Text>
          <Text className='yq-muted'>共 {me.data.walletMinutes} 分钟 · 1 时间币 = 1 小时志愿服务</Text>
        </View>
      ) : null}

      <View className='yq-card'>
        <View className='yq-row'>
          <View>
            <Text className='yq-card__title me__elder-title'>长辈模式</Text>
            <Text className='yq-muted'>字更大、按钮更大</Text>
          </View>
          <Switch className='me__switch' checked={elder} color='#c2410c' onChange={(e) => setElder(e.detail.value)} data-testid='elder-switch' />
        </View>
      </View>

      <View className='yq-card'>
        <Text className='yq-card__title'>时间币记录</Text>
        <QueryStates query={history} isEmpty={items.length === 0} emptyText='还没有记录。参加志愿活动、审核通过后，时间币会记在这里。' />
        {items.map((i) => (
          <View key={i.entryId} className='me__entry' data-testid='history-entry'>
            <View className='me__entry-main'>
              <Text className='me__entry-label'>{i.label}</Text>
              <Text className='yq-muted'>{shortTime(i.at)}</Text>
            </View>
            <Text className={`me__entry-amount ${i.amountMinutes < 0 ? 'me__entry-amount--out' : ''}`}>{signedCoins(i.amountMinutes)}</Text>
          </View>
        ))}
        <LoadMore query={history} />
      </View>
      <SwitchUser />
    </PageShell>
  )
}
