import Taro from '@tarojs/taro'
import { View, Text, Button } from '@tarojs/components'
import { ROLE_LABELS, type Role } from '@contract'
import { call } from '../../api/client'
import { PageShell } from '../../components/page-shell'
import { QueryStates } from '../../components/states'
import { useQuery } from '../../hooks/use-query'
import { coins } from '../../utils/format'
import './index.css'

/** 首页: a greeting, the balance at a glance, and the one main thing to do here. */
export default function Home() {
  const me = useQuery(() => call('account', 'me'))
  const roles = me.data?.user.roles.map((r) => r.role) ?? []
  const roleText = [...new Set(roles)].map((r) => ROLE_LABELS[r as Role] ?? r).join('、')
  return (
    <PageShell tab='home' roles={roles}>
      <QueryStates query={me} />
      {me.data ? (
        <View>
          <View className='yq-card home__hello'>
            <Text className='home__greeting'>{me.data.user.name}，您好</Text>
            <Text className='yq-muted'>
              {me.data.user.communityName} · {roleText}
            </Text>
          </View>
          <View className='yq-card' onClick={() => void Taro.navigateTo({ url: '/pages/me/index' })}>
            <Text className='yq-muted'>我的时间币</Text>
            <Text className='yq-big-number'>{coins(me.data.walletMinutes)}</Text>
            <Text className='yq-muted'>点这里查看每一笔记录</Text>
          </View>
          {roles.includes('staff') || roles.includes('admin') ? (
            <View className='yq-card'>
              <Text className='yq-card__title'>社区工作</Text>
              <Button className='yq-button' onClick={() => void Taro.navigateTo({ url: '/pages/activity-create/index' })}>
                发布活动
              </Button>
              <Button className='yq-button yq-button--ghost' onClick={() => void Taro.reLaunch({ url: '/pages/approvals/index' })}>
                审核志愿时长
              </Button>
            </View>
          ) : null}
          {roles.includes('merchant') ? (
            <View className='yq-card'>
              <Text className='yq-card__title'>爱心商户</Text>
              <Button className='yq-button' onClick={() => void Taro.reLaunch({ url: '/pages/counter/index' })}>
                核销兑换码
              </Button>
            </View>
          ) : null}
          {roles.includes('volunteer') ? (
            <View className='yq-card'>
              <Text className='yq-card__title'>志愿服务</Text>
              <Button className='yq-button' onClick={() => void Taro.navigateTo({ url: '/pages/scan/index' })}>
                扫码签到 / 签退
              </Button>
              <Button className='yq-button yq-button--ghost' onClick={() => void Taro.navigateTo({ url: '/pages/my-hours/index' })}>
                我的服务时长
              </Button>
              <Button className='yq-button yq-button--ghost' onClick={() => void Taro.reLaunch({ url: '/pages/offers/index' })}>
                用时间币兑换
              </Button>
            </View>
          ) : null}
          <View className='yq-card'>
            <Text className='yq-card__title'>帮帮身边的人</Text>
            <Text className='yq-muted'>把时间币捐给社区公益池，社工会用它帮助有需要的居民。</Text>
            <Button className='yq-button' onClick={() => void Taro.navigateTo({ url: '/pages/donate-coins/index' })}>
              捐时间币
            </Button>
          </View>
        </View>
      ) : null}
    </PageShell>
  )
}
