import { useRouter } from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { useState } from 'react'
import { PROXY_SCOPE_LABELS, type ProxyScope } from '@contract'
import { call } from '../../api/client'
import { useConfirm } from '../../components/confirm'
import { FieldError } from '../../components/field-error'
import { Field, TextField } from '../../components/form'
import { PageShell } from '../../components/page-shell'
import { LoadMore, QueryStates } from '../../components/states'
import { useSubscribe } from '../../components/subscribe'
import { ToggleRow } from '../../components/toggle'
import { Button, Cell, CellGroup, Tag } from '../../components/ui'
import { useAction } from '../../hooks/use-action'
import { usePagedQuery } from '../../hooks/use-paged-query'

const ALL: ProxyScope[] = ['help', 'wallet', 'redeem', 'checkin']
const STATUS = { requested: '等社工核实', active: '已生效', revoked: '已解除' } as const

/**
 * 代持: ask to hold an elder (their phone, or the card staff gave), then staff verify it — or
 * the elder hands over the code staff gave them, which is typed here.
 */
export default function ProxyRequest() {
  const elderId = useRouter().params.elder
  const [phone, setPhone] = useState('')
  const [scopes, setScopes] = useState<ProxyScope[]>(ALL)
  const [codes, setCodes] = useState<Record<string, string>>({})
  const mine = usePagedQuery(() => call('account', 'proxies', {}))
  const { confirm, dialog } = useConfirm()
  const ask = useAction((requestId) => call('account', 'proxyRequest', { ...(elderId ? { elderId } : { elderPhone: phone }), scopes }, { requestId }), {
    shownFields: ['elderPhone', 'scopes'],
    successToast: '已提交',
  })
  const act = useAction(
    (requestId, action: 'proxyConfirm' | 'proxyRevoke', linkId: string) =>
      action === 'proxyConfirm'
        ? call('account', 'proxyConfirm', { linkId, code: codes[linkId] ?? '' }, { requestId })
        : call('account', 'proxyRevoke', { linkId }, { requestId }),
    { shownFields: ['code'], successToast: '已办好' },
  )
  const subscribe = useSubscribe('proxy')
  const submit = async () => {
    subscribe()
    if (await ask.run()) void mine.reload()
  }
  const onAct = async (action: 'proxyConfirm' | 'proxyRevoke', linkId: string, name: string) => {
    if (action === 'proxyRevoke' && !(await confirm({ title: '解除代持？', content: `解除后您不能再代${name}办事。`, confirmText: '确认解除' }))) return
    if (await act.run(action, linkId)) void mine.reload()
  }
  const toggle = (s: ProxyScope, on: boolean) => setScopes((xs) => (on ? [...new Set([...xs, s])] : xs.filter((x) => x !== s)))
  const items = mine.items ?? []

  return (
    <PageShell title='代持长者'>
      {dialog}
      <View className='yq-section'>
        <Text className='yq-section__title'>申请代持一位长者</Text>
        <Text className='yq-muted'>社区社工核实后生效；也可以请社工给长者一个确认码，由长者当面交给您。</Text>
        {elderId ? null : (
          <TextField label='长者的手机号' type='number' value={phone} placeholder='11 位手机号' onChange={setPhone} error={ask.fields.elderPhone} />
        )}
        <Field label='代办哪些事' error={ask.fields.scopes}>
          {ALL.map((s) => (
            <ToggleRow key={s} title={PROXY_SCOPE_LABELS[s]} on={scopes.includes(s)} onChange={(on) => toggle(s, on)} />
          ))}
        </Field>
        <FieldError message={ask.error} />
        <Button type='primary' size='large' block loading={ask.busy} onClick={() => void submit()}>
          提交申请
        </Button>
      </View>
      <CellGroup title='我代持的长者'>
        {items.map((l) => (
          <Cell
            key={l.id}
            title={<Text data-testid='my-link'>{l.elderName}</Text>}
            description={l.scopes.map((s) => PROXY_SCOPE_LABELS[s]).join('、')}
            extra={<Tag type={l.status === 'active' ? 'success' : 'default'}>{STATUS[l.status]}</Tag>}
          />
        ))}
      </CellGroup>
      <QueryStates query={mine} isEmpty={items.length === 0} emptyText='还没有代持的长者' />
      <LoadMore query={mine} />
      <View className='yq-section'>
        {items
          .filter((l) => l.status !== 'revoked')
          .map((l) => (
            <View key={l.id} className='yq-actions'>
              {l.status === 'requested' ? (
                <>
                  <TextField
                    label={`${l.elderName}给您的确认码`}
                    type='number'
                    maxLength={6}
                    value={codes[l.id] ?? ''}
                    placeholder='6 位数字'
                    onChange={(v) => setCodes((c) => ({ ...c, [l.id]: v }))}
                    error={act.fields.code}
                  />
                  <Button type='primary' block onClick={() => void onAct('proxyConfirm', l.id, l.elderName)}>
                    输入确认码
                  </Button>
                </>
              ) : null}
              <Button block onClick={() => void onAct('proxyRevoke', l.id, l.elderName)}>
                解除代持：{l.elderName}
              </Button>
            </View>
          ))}
        <FieldError message={act.error} />
      </View>
    </PageShell>
  )
}
