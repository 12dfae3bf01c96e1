import Taro from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { ROLE_LABELS, type Role } from '@contract'
import { call } from '../../api/client'
import { ElderSwitch } from '../../components/elder-switch'
import { IconTitle } from '../../components/icon-title'
import { PageShell } from '../../components/page-shell'
import { QueryStates } from '../../components/states'
import { Badge, Button, Cell, CellGroup, Check, Clock, Gift, Heart, Message, Scan, Service, User, Wallet } from '../../components/ui'
import { useQuery } from '../../hooks/use-query'
import { coins } from '../../utils/format'
import { HeldElder } from './parts/elder-card'
import './index.css'

const open = (url: string) => void Taro.navigateTo({ url })
const switchTo = (url: string) => void Taro.reLaunch({ url })

/** 首页: a greeting, the balance at a glance, the one main thing to do here, and 长辈模式. */
export default function Home() {
  const me = useQuery(() => call('account', 'me'))
  const inbox = useQuery(() => call('message', 'list', {}))
  const unread = inbox.data?.unread ?? 0
  const roles = me.data?.user.roles.map((r) => r.role) ?? []
  const roleText = [...new Set(roles)].map((r) => ROLE_LABELS[r as Role] ?? r).join('、')
  const staff = roles.includes('staff') || roles.includes('admin')
  const merchant = roles.includes('merchant')
  const volunteer = roles.includes('volunteer')
  return (
    <PageShell tab='home' roles={roles} title='益圈'>
      <ElderSwitch />
      <QueryStates query={me} />
      {me.data ? (
        <View>
          <View className='yq-section'>
            <Text className='home__greeting'>{me.data.user.name}，您好</Text>
            <Text className='yq-muted'>
              {me.data.user.communityName} · {roleText}
            </Text>
          </View>
          <CellGroup>
            <Cell
              title={<IconTitle icon={<Message />} text='消息' />}
              description={unread > 0 ? `${unread} 条未读` : '没有未读消息'}
              extra={unread > 0 ? <Badge className='yq-unread' value={unread} max={99} /> : undefined}
              clickable
              onClick={() => open('/pages/inbox/index')}
            />
          </CellGroup>
          {me.data.elders.map((e) => (
            <HeldElder key={e.id} id={e.id} name={e.name} canHelp={e.scopes.includes('help')} />
          ))}
          {staff ? (
            <View className='yq-section'>
              <Text className='yq-section__title'>社区工作</Text>
              <Button type='primary' size='large' block onClick={() => open('/staff/activity-create/index')}>
                发布活动
              </Button>
              <View className='yq-actions'>
                <Button block icon={<Check />} onClick={() => switchTo('/staff/approvals/index')}>
                  审核志愿时长
                </Button>
                <Button block icon={<User />} onClick={() => open('/staff/elders/index')}>
                  长者与代持
                </Button>
                <Button block icon={<Service />} onClick={() => open('/pages/help-list/index')}>
                  求助与异议
                </Button>
                <Button block icon={<Heart />} onClick={() => open('/pages/projects/index')}>
                  社区微项目
                </Button>
                {roles.includes('admin') ? (
                  <Button block icon={<User />} onClick={() => open('/admin/committee/index')}>
                    管委会
                  </Button>
                ) : null}
              </View>
            </View>
          ) : null}
          {merchant ? (
            <View className='yq-section'>
              <Text className='yq-section__title'>爱心商户</Text>
              <Button
                type={staff ? 'default' : 'primary'}
                size={staff ? 'normal' : 'large'}
                block
                icon={<Scan />}
                onClick={() => switchTo('/shop/counter/index')}
              >
                核销兑换码
              </Button>
            </View>
          ) : null}
          {volunteer ? (
            <View className='yq-section'>
              <Text className='yq-section__title'>志愿服务</Text>
              <Button
                type={staff || merchant ? 'default' : 'primary'}
                size={staff || merchant ? 'normal' : 'large'}
                block
                icon={<Scan />}
                onClick={() => open('/pages/scan/index')}
              >
                扫码签到 / 签退
              </Button>
            </View>
          ) : null}
          <CellGroup>
            <Cell
              title='我的时间币'
              description='点这里查看每一笔记录'
              extra={
                <Text className='home__balance' data-testid='home-balance'>
                  {coins(me.data.walletMinutes)}
                </Text>
              }
              clickable
              onClick={() => switchTo('/pages/me/index')}
            />
            {volunteer ? (
              <>
                <Cell title={<IconTitle icon={<Clock />} text='我的服务时长' />} clickable onClick={() => open('/pages/my-hours/index')} />
                <Cell title={<IconTitle icon={<Gift />} text='用时间币兑换' />} clickable onClick={() => switchTo('/pages/offers/index')} />
                <Cell title={<IconTitle icon={<Wallet />} text='兑换记录' />} clickable onClick={() => open('/pages/my-redemptions/index')} />
              </>
            ) : null}
            <Cell
              title={<IconTitle icon={<Service />} text='我要求助' />}
              description='陪伴、代买、助餐、陪同就医……志愿者来帮忙'
              clickable
              onClick={() => open('/pages/help-post/index')}
            />
            {volunteer ? (
              <Cell title={<IconTitle icon={<Service />} text='附近的求助' />} clickable onClick={() => switchTo('/pages/help-list/index')} />
            ) : (
              <Cell title={<IconTitle icon={<Service />} text='我发的求助' />} clickable onClick={() => open('/pages/help-list/index')} />
            )}
            <Cell
              title={<IconTitle icon={<User />} text='代持长者' />}
              description='替家里没有微信的老人办事'
              clickable
              onClick={() => open('/pages/proxy-request/index')}
            />
            {staff ? null : (
              <Cell
                title={<IconTitle icon={<Heart />} text={roles.includes('committee') ? '微项目评审' : '社区微项目'} />}
                description={roles.includes('committee') ? '管委会委员：看申请、投票' : '社区基金资助的项目和管委会的评审结果'}
                clickable
                onClick={() => open('/pages/projects/index')}
              />
            )}
            <Cell
              title={<IconTitle icon={<Heart />} text='捐时间币' />}
              description='捐给社区公益池，社工用它帮助有需要的居民'
              clickable
              onClick={() => open('/pages/donate-coins/index')}
            />
          </CellGroup>
        </View>
      ) : null}
    </PageShell>
  )
}
