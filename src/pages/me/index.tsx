import { View, Text } from '@tarojs/components'
import { ROLE_LABELS, type Role } from '@contract'
import { call } from '../../api/client'
import { ElderSwitch } from '../../components/elder-switch'
import { PageShell } from '../../components/page-shell'
import { QueryStates } from '../../components/states'
import { SwitchUser } from '../../components/switch-user'
import { Tag } from '../../components/ui'
import { WalletHistory } from '../../components/wallet-history'
import { useQuery } from '../../hooks/use-query'
import { coins } from '../../utils/format'
import './index.css'

/** 我的: 长辈模式 first, who I am, my 时间币 and every movement of them. */
export default function Me() {
  const me = useQuery(() => call('account', 'me'))
  const roles = me.data?.user.roles.map((r) => r.role) ?? []

  return (
    <PageShell tab='me' roles={roles} title='我的'>
      <ElderSwitch />
      <QueryStates query={me} />
      {me.data ? (
        <View className='yq-section'>
          <Text className='me__name' data-testid='me-name'>
            {me.data.user.name}
          </Text>
          <Text className='yq-muted'>{me.data.user.communityName}</Text>
          <View className='me__roles'>
            {me.data.user.roles.map((r) => (
              <Tag key={`${r.role}:${r.scope}`} type='primary' plain className='me__role'>
                {ROLE_LABELS[r.role as Role] ?? r.role}
              </Tag>
            ))}
          </View>
          <Text className='yq-muted me__balance-label'>我的时间币</Text>
          <Text className='yq-number' data-testid='me-balance'>
            {coins(me.data.walletMinutes)}
          </Text>
          <Text className='yq-muted'>共 {me.data.walletMinutes} 分钟 · 1 时间币 = 1 小时志愿服务</Text>
        </View>
      ) : null}

      <WalletHistory emptyText='还没有记录。参加志愿活动、审核通过后，时间币会记在这里。' />
      <SwitchUser />
    </PageShell>
  )
}
