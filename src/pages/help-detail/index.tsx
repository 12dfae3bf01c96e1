import { useRouter } from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { useState } from 'react'
import { HELP_CATEGORY_LABELS, HELP_STATUS_LABELS, type HelpMove, type HelpView } from '@contract'
import { call } from '../../api/client'
import { serverNow } from '../../api/server-clock'
import { useConfirm } from '../../components/confirm'
import { FieldError } from '../../components/field-error'
import { DateTimeField, Field, TextField } from '../../components/form'
import { PageShell } from '../../components/page-shell'
import { QueryStates } from '../../components/states'
import { useSubscribe } from '../../components/subscribe'
import { Button, Cell, CellGroup, Rate, Segmented, Tag } from '../../components/ui'
import { useAction } from '../../hooks/use-action'
import { useQuery } from '../../hooks/use-query'
import { beijing, coins, fromPickerDate, pickerDate, shortTime } from '../../utils/format'

/** What asking first sounds like, for the moves that cannot be undone. */
const ASK: Partial<Record<HelpMove, { title: string; content: string; confirmText: string }>> = {
  cancel: { title: '取消这条求助？', content: '预留的时间币会退回；如果已有人接单，会通知他。', confirmText: '确认取消' },
  withdraw: { title: '退掉这一单？', content: '求助会重新等别人来接，求助人会收到通知。', confirmText: '确认退单' },
  resolve: { title: '按这个结果处理？', content: '处理后时间币立即划转，不能再改。', confirmText: '确认处理' },
}

/**
 * One help request: what, when, where (the door only for those allowed), who, and the
 * buttons core allows this person now (`help.can`), nothing more.
 */
export default function HelpDetail() {
  const id = useRouter().params.id ?? ''
  const q = useQuery(() => call('help', 'get', { helpId: id }), [id])
  const [shown, setShown] = useState<HelpView | undefined>(undefined)
  const h = shown ?? q.data?.help
  const [rating, setRating] = useState(5)
  const [comment, setComment] = useState('')
  const [reason, setReason] = useState('')
  const [note, setNote] = useState('')
  const [outcome, setOutcome] = useState<'pay' | 'refund'>('pay')
  const [again, setAgain] = useState(() => pickerDate(beijing(serverNow()).add(7, 'day').hour(9).minute(0).toDate()))
  const { confirm, dialog } = useConfirm()
  const act = useAction(
    (requestId, move: HelpMove) => {
      const base = { helpId: id }
      switch (move) {
        case 'confirm':
          return call('help', 'confirm', { ...base, rating, ...(comment ? { comment } : {}) }, { requestId })
        case 'dispute':
          return call('help', 'dispute', { ...base, reason }, { requestId })
        case 'resolve':
          return call('help', 'resolve', { ...base, outcome, note }, { requestId })
        case 'rebook':
          return call('help', 'rebook', { ...base, when: fromPickerDate(again) }, { requestId })
        default:
          return call('help', move, base, { requestId })
      }
    },
    { shownFields: ['rating', 'comment', 'reason', 'note', 'when'], successToast: '已办好' },
  )
  const subscribe = useSubscribe('help')
  const run = async (move: HelpMove) => {
    // In the tap itself, before anything is awaited (WeChat's rule for the subscribe dialog).
    if (move === 'accept') subscribe()
    const ask = ASK[move]
    if (ask && !(await confirm(ask))) return
    const r = await act.run(move)
    if (!r) return
    if (move === 'rebook') {
      q.reload()
      return
    }
    setShown(r.help)
  }
  const can = new Set(h?.can ?? [])
  const f = act.fields

  return (
    <PageShell title='求助详情'>
      {dialog}
      <QueryStates query={q} />
      {h ? (
        <View>
          <View className='yq-section'>
            <Text className='yq-section__title'>
              {HELP_CATEGORY_LABELS[h.category]}：{h.description}
            </Text>
            <Tag type={h.status === 'open' ? 'primary' : h.status === 'completed' ? 'success' : 'default'}>{HELP_STATUS_LABELS[h.status]}</Tag>
          </View>
          <CellGroup>
            <Cell title='求助人' extra={`${h.requesterName}${h.viaStaff ? '（社工代录）' : h.viaProxy ? '（代持人代发）' : ''}`} />
            <Cell title='时间' extra={`${shortTime(h.when)}，约 ${h.durationMinutes / 60} 小时`} />
            <Cell
              title='地点'
              description={h.place.address ? undefined : '接单后才显示详细地址'}
              extra={<Text data-testid='help-address'>{h.place.address ?? `${h.communityName} ${h.place.area}`}</Text>}
            />
            {h.requesterPhone ? <Cell title='联系电话' extra={<Text data-testid='help-phone'>{h.requesterPhone}</Text>} /> : null}
            <Cell title='酬谢' extra={`${coins(h.rewardMinutes)} 时间币`} />
            {h.volunteerName ? <Cell title='志愿者' extra={h.volunteerName} /> : null}
            {h.rating ? <Cell title='评价' extra={`${h.rating} 星${h.comment ? `：${h.comment}` : ''}`} /> : null}
            {h.disputeReason ? <Cell title='异议' extra={h.disputeReason} /> : null}
            {h.resolution ? <Cell title='处理结果' extra={`${h.resolution.outcome === 'pay' ? '付给志愿者' : '退回求助人'}：${h.resolution.note}`} /> : null}
            {h.autoCompleteAt ? <Cell title='自动完成' extra={`${shortTime(h.autoCompleteAt)} 不确认将自动完成`} /> : null}
            {h.offeredUntil ? <Cell title='先留给上次的志愿者' extra={`到 ${shortTime(h.offeredUntil)}`} /> : null}
          </CellGroup>
          <View className='yq-section'>
            {can.has('accept') ? (
              <Button type='primary' size='large' block loading={act.busy} onClick={() => void run('accept')}>
                我来帮忙（接单）
              </Button>
            ) : null}
            {can.has('done') ? (
              <Button type='primary' size='large' block loading={act.busy} onClick={() => void run('done')}>
                已经帮完了
              </Button>
            ) : null}
            {can.has('confirm') ? (
              <View>
                <Field label='给志愿者打分'>
                  <Rate value={rating} count={5} onChange={(v) => setRating(Number(v))} aria-label='评分' />
                  <FieldError message={f.rating} />
                </Field>
                <TextField label='想说的话（选填）' value={comment} placeholder='例如：很细心，谢谢' onChange={setComment} error={f.comment} />
                <Button type='primary' size='large' block loading={act.busy} onClick={() => void run('confirm')}>
                  确认完成，付 {coins(h.rewardMinutes)} 时间币
                </Button>
                <TextField label='没有帮完？说明原因' value={reason} placeholder='例如：没有买到菜' onChange={setReason} error={f.reason} />
                <View className='yq-actions'>
                  <Button block onClick={() => void run('dispute')}>
                    有异议，请社工处理
                  </Button>
                </View>
              </View>
            ) : null}
            {can.has('resolve') ? (
              <View>
                <Segmented
                  className='yq-segmented'
                  value={outcome}
                  options={[
                    { label: '付给志愿者', value: 'pay' },
                    { label: '退回求助人', value: 'refund' },
                  ]}
                  onChange={(v) => setOutcome(v as 'pay' | 'refund')}
                />
                <TextField label='处理说明' value={note} placeholder='例如：电话核实，已经完成' onChange={setNote} error={f.note} />
                <Button type='primary' size='large' block onClick={() => void run('resolve')}>
                  处理异议
                </Button>
              </View>
            ) : null}
            {can.has('rebook') ? (
              <View>
                <DateTimeField
                  label='再约一次：什么时候'
                  title='选择时间'
                  value={again}
                  min={pickerDate(beijing(serverNow()).toDate())}
                  max={pickerDate(beijing(serverNow()).add(60, 'day').toDate())}
                  onChange={setAgain}
                  error={f.when}
                />
                <Button type='primary' size='large' block onClick={() => void run('rebook')}>
                  再约一次（先问{h.volunteerName}）
                </Button>
              </View>
            ) : null}
            {can.has('withdraw') ? (
              <View className='yq-actions'>
                <Button block onClick={() => void run('withdraw')}>
                  退单
                </Button>
              </View>
            ) : null}
            {can.has('cancel') ? (
              <View className='yq-actions'>
                <Button block onClick={() => void run('cancel')}>
                  取消求助
                </Button>
              </View>
            ) : null}
            <FieldError message={act.error} />
          </View>
        </View>
      ) : null}
    </PageShell>
  )
}
