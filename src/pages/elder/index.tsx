import Taro, { useRouter } from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { useState } from 'react'
import { PROXY_SCOPE_LABELS, type ProxyLinkView } from '@contract'
import { call } from '../../api/client'
import { useConfirm } from '../../components/confirm'
import { FieldError } from '../../components/field-error'
import { TextField } from '../../components/form'
import { HelpItem } from '../../components/help-item'
import { PageShell } from '../../components/page-shell'
import { LoadMore, QueryStates } from '../../components/states'
import { Button, Cell, CellGroup, Tag } from '../../components/ui'
import { WalletHistory } from '../../components/wallet-history'
import { useAction } from '../../hooks/use-action'
import { usePagedQuery } from '../../hooks/use-paged-query'
import { useQuery } from '../../hooks/use-query'
import { coins, shortTime } from '../../utils/format'

const STATUS: Record<ProxyLinkView['status'], string> = { requested: '等社工核实', active: '已生效', revoked: '已解除' }

/**
 * An elder's page, for their proxy or staff (DOMAIN.md: balance, history, requests on one
 * screen; what each proxy did). Staff also edit, print the card, take phone orders, grant
 * from the pool and verify proxies here.
 */
export default function Elder() {
  const id = useRouter().params.id ?? ''
  const q = useQuery(() => call('account', 'elder', { userId: id }), [id])
  const helps = usePagedQuery((cursor) => call('help', 'list', { forUserId: id, ...(cursor ? { cursor } : {}) }), [id])
  const log = usePagedQuery((cursor) => call('account', 'proxyLog', { forUserId: id, ...(cursor ? { cursor } : {}) }), [id])
  const [amount, setAmount] = useState('1')
  const [reason, setReason] = useState('')
  const [code, setCode] = useState<{ code: string; expiresAt: string } | undefined>(undefined)
  const { confirm, dialog } = useConfirm()
  const d = q.data
  const grant = useAction((requestId) => call('help', 'poolGrant', { userId: id, amountMinutes: Math.round(Number(amount) * 60), reason }, { requestId }), {
    shownFields: ['amountMinutes', 'reason'],
    successToast: '已补助',
  })
  const link = useAction(
    async (requestId, action: 'proxyVerify' | 'proxyRevoke' | 'proxyCode', linkId: string): Promise<{ code?: { code: string; expiresAt: string } }> =>
      action === 'proxyCode'
        ? { code: await call('account', 'proxyCode', { linkId }, { requestId }) }
        : (await call('account', action, { linkId }, { requestId }), {}),
    { successToast: '已办好' },
  )
  const onLink = async (action: 'proxyVerify' | 'proxyRevoke' | 'proxyCode', l: ProxyLinkView) => {
    if (action === 'proxyRevoke' && !(await confirm({ title: '解除代持？', content: `${l.proxyName}将不能再代${l.elderName}办事。`, confirmText: '确认解除' })))
      return
    const r = await link.run(action, l.id)
    if (r?.code) setCode(r.code)
    else if (r) void q.reload()
  }
  const onGrant = async () => {
    if (!(await confirm({ title: '从公益池补助？', content: `给${d?.elder.name ?? ''}补助 ${amount} 时间币，记录公开可查。`, confirmText: '确认补助' }))) return
    if (await grant.run()) void q.reload()
  }
  const items = helps.items ?? []

  return (
    <PageShell title={d ? d.elder.name : '长者'}>
      {dialog}
      <QueryStates query={q} />
      {q.error?.code === 'AUTH.FORBIDDEN' ? (
        <View className='yq-section'>
          <Button type='primary' size='large' block onClick={() => void Taro.redirectTo({ url: `/pages/proxy-request/index?elder=${id}` })}>
            申请代持这位长者
          </Button>
        </View>
      ) : null}
      {d ? (
        <View>
          <View className='yq-section'>
            <Text className='yq-section__title'>
              {d.elder.name}
              {d.elder.birthYear ? `（${d.elder.birthYear} 年生）` : ''}
            </Text>
            <Text className='yq-muted'>
              {d.elder.communityName}
              {d.elder.phone ? ` · ${d.elder.phone}` : ''}
              {d.elder.address ? ` · ${d.elder.address}` : ''}
            </Text>
            {d.balanceMinutes !== undefined ? (
              <View>
                <Text className='yq-muted'>时间币余额</Text>
                <Text className='yq-number' data-testid='elder-balance'>
                  {coins(d.balanceMinutes)} 时间币
                </Text>
              </View>
            ) : null}
            {d.scopes.includes('help') ? (
              <Button type='primary' size='large' block onClick={() => void Taro.navigateTo({ url: `/pages/help-post/index?for=${id}` })}>
                {d.staff ? '电话代录求助' : '帮TA求助'}
              </Button>
            ) : null}
            {d.balanceMinutes !== undefined ? (
              <View className='yq-actions'>
                <Button block onClick={() => void Taro.navigateTo({ url: `/pages/my-hours/index?forUserId=${id}&name=${encodeURIComponent(d.elder.name)}` })}>
                  服务时长
                </Button>
              </View>
            ) : null}
            {d.scopes.includes('redeem') ? (
              <View className='yq-actions'>
                <Button block onClick={() => void Taro.navigateTo({ url: `/pages/my-redemptions/index?forUserId=${id}` })}>
                  兑换记录
                </Button>
              </View>
            ) : null}
            {d.staff && d.elder.managed ? (
              <View className='yq-actions'>
                <Button block onClick={() => void Taro.navigateTo({ url: `/staff/elder-edit/index?id=${id}` })}>
                  编辑信息
                </Button>
                <Button block onClick={() => void Taro.navigateTo({ url: `/staff/elder-card/index?id=${id}` })}>
                  打印联系卡
                </Button>
              </View>
            ) : null}
          </View>

          <CellGroup title='求助'>
            {items.map((h) => (
              <HelpItem key={h.id} help={h} />
            ))}
          </CellGroup>
          <QueryStates query={helps} isEmpty={items.length === 0} emptyText='还没有求助' />
          <LoadMore query={helps} />
          {d.balanceMinutes !== undefined ? <WalletHistory forUserId={id} emptyText='还没有时间币记录' /> : null}

          <CellGroup title='代持人'>
            {d.links.map((l) => (
              <Cell
                key={l.id}
                title={<Text data-testid='link-item'>{l.proxyName}</Text>}
                description={`${l.scopes.map((s) => PROXY_SCOPE_LABELS[s]).join('、')} · 申请于 ${shortTime(l.requestedAt)}`}
                extra={<Tag type={l.status === 'active' ? 'success' : 'default'}>{STATUS[l.status]}</Tag>}
              />
            ))}
          </CellGroup>
          {d.links.length === 0 ? <Text className='yq-muted'>还没有代持人</Text> : null}
          <View className='yq-section'>
            {d.links
              .filter((l) => l.status !== 'revoked')
              .map((l) => (
                <View key={l.id} className='yq-actions'>
                  {d.staff && l.status === 'requested' ? (
                    <>
                      <Button type='primary' block onClick={() => void onLink('proxyVerify', l)}>
                        核实通过：{l.proxyName}
                      </Button>
                      <Button block onClick={() => void onLink('proxyCode', l)}>
                        生成确认码（交给长者）
                      </Button>
                    </>
                  ) : null}
                  <Button block onClick={() => void onLink('proxyRevoke', l)}>
                    解除 {l.proxyName} 的代持
                  </Button>
                </View>
              ))}
            {code ? (
              <View className='yq-section' data-testid='proxy-code'>
                <Text className='yq-section__title'>确认码：{code.code}</Text>
                <Text className='yq-muted'>请念给或写给长者，由长者当面交给代持人输入。{shortTime(code.expiresAt)} 前有效。</Text>
              </View>
            ) : null}
            <FieldError message={link.error} />
          </View>

          {d.staff ? (
            <View className='yq-section'>
              <Text className='yq-section__title'>公益池补助</Text>
              <TextField label='补助几个时间币' type='digit' value={amount} placeholder='例如 1' onChange={setAmount} error={grant.fields.amountMinutes} />
              <TextField label='补助原因（公开可查）' value={reason} placeholder='例如：独居老人，余额不足' onChange={setReason} error={grant.fields.reason} />
              <FieldError message={grant.error} />
              <Button block loading={grant.busy} onClick={() => void onGrant()}>
                从公益池补助
              </Button>
            </View>
          ) : null}

          <CellGroup title='代办记录'>
            {(log.items ?? []).map((a) => (
              <Cell key={a.id} title={<Text data-testid='proxy-act'>{a.what}</Text>} description={`${a.actorName} · ${shortTime(a.at)}`} />
            ))}
          </CellGroup>
          <QueryStates query={log} isEmpty={(log.items ?? []).length === 0} emptyText='还没有人代办过事情' />
          <LoadMore query={log} />
        </View>
      ) : null}
    </PageShell>
  )
}
