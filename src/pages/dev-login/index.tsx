import Taro from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { useState } from 'react'
import { setDevToken } from '../../api/session'
import { FieldError } from '../../components/field-error'
import { PageShell } from '../../components/page-shell'
import { ErrorView, Loading } from '../../components/states'
import { Button, Cell, CellGroup } from '../../components/ui'
import { useQuery } from '../../hooks/use-query'

/**
 * H5 only (app.config.ts): the local gateway's dev login (API.md). In WeChat the platform
 * says who the caller is; this page does not exist there, and the gateway refuses it in
 * production.
 */
interface DemoUser {
  id: string
  name: string
  intro: string
  communityName: string
  canLogin: boolean
}

async function devApi<T>(path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${process.env.YQ_API_BASE || ''}/api/dev/${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const answer = (await res.json()) as { ok: boolean; data?: T; error?: { message: string } }
  if (!answer.ok) throw new Error(answer.error?.message ?? '登录失败')
  return answer.data as T
}

export default function DevLogin() {
  const users = useQuery(async () => (await devApi<{ users: DemoUser[] }>('users')).users)
  const [error, setError] = useState<string | undefined>(undefined)

  const login = async (body: unknown) => {
    setError(undefined)
    try {
      const { token } = await devApi<{ token: string }>('login', body)
      setDevToken(token)
      void Taro.reLaunch({ url: '/pages/home/index' })
    } catch (e) {
      setError((e as Error).message)
    }
  }

  return (
    <PageShell title='选择演示用户'>
      <View className='yq-section'>
        <Text className='yq-section__title'>本地演示：选择一位用户</Text>
        <Text className='yq-muted'>这是开发用的登录页，正式的小程序由微信自动识别身份。</Text>
      </View>
      {users.loading ? <Loading /> : null}
      {users.error ? <ErrorView message={users.error.message} onRetry={users.reload} /> : null}
      <FieldError message={error} />
      <CellGroup>
        {(users.data ?? []).map((u) => (
          <Cell
            key={u.id}
            clickable={u.canLogin}
            title={
              <Text className='yq-strong' data-testid={`login-${u.id}`}>
                {u.name}
              </Text>
            }
            description={`${u.intro} · ${u.communityName}${u.canLogin ? '' : '（没有微信，由代持人或社工代办）'}`}
            onClick={() => u.canLogin && void login({ userId: u.id })}
          />
        ))}
      </CellGroup>
      {users.data ? (
        <View className='yq-actions'>
          <Button block onClick={() => void login({ newWeChatUser: true })}>
            以新微信用户身份进入（体验注册）
          </Button>
        </View>
      ) : null}
    </PageShell>
  )
}
