import { View, Text, Button, Input } from '@tarojs/components'
import { useState } from 'react'
import type { Attendance } from '@contract'
import { call, newRequestId } from '../../api/client'
import { FieldError } from '../../components/field-error'
import { PageShell } from '../../components/page-shell'
import { Empty, LoadMore, QueryStates } from '../../components/states'
import { useAction } from '../../hooks/use-action'
import { usePagedQuery } from '../../hooks/use-paged-query'
import { useQuery } from '../../hooks/use-query'
import { coins, FLAG_LABEL, shortTime } from '../../utils/format'
import './index.css'

/**
 * Staff approve the hours of a whole activity at once — every record of it that waits, page
 * after page on the server, however many there are — or turn one down with a reason.
 */
export default function Approvals() {
  const me = useQuery(() => call('account', 'me'))
  const pending = usePagedQuery((cursor) => call('hours', 'pending', cursor ? { cursor } : {}))
  const [rejecting, setRejecting] = useState<string | undefined>(undefined)
  const [reason, setReason] = useState('')
  const [approved, setApproved] = useState<string | undefined>(undefined)
  // One call approves as many as fit in it and says whether there are more; keep going.
  const approve = useAction(
    async (requestId, activityId: string) => {
      let total = { approved: 0, creditedMinutes: 0 }
      for (let round = 0, id = requestId; ; round++, id = newRequestId()) {
        const r = await call('hours', 'approve', { activityId }, { requestId: id })
        total = { approved: total.approved + r.approved, creditedMinutes: total.creditedMinutes + r.creditedMinutes }
        if (!r.more || round > 50) return total
      }
    },
    { successToast: '已通过' },
  )
  const reject = useAction((requestId, attendanceId: string) => call('hours', 'reject', { attendanceId, reason }, { requestId }), {
    successToast: '已驳回',
    shownFields: ['reason'],
  })
  const roles = me.data?.user.roles.map((r) => r.role) ?? []

  const groups = new Map<string, Attendance[]>()
  for (const i of pending.items ?? []) groups.set(i.activityId, [...(groups.get(i.activityId) ?? []), i])

  return (
    <PageShell tab='approvals' roles={roles}>
      <QueryStates query={pending} />
      <FieldError message={approve.error} />
      {approved ? (
        <Text className='yq-notice' data-testid='approved-notice'>
          {approved}
        </Text>
      ) : null}
      {pending.items && groups.size === 0 ? <Empty text='没有待审核的时长' /> : null}
      {[...groups.values()].map((items) => {
        const total = items.reduce((s, i) => s + (i.creditedMinutes ?? 0), 0)
        return (
          <View key={items[0].activityId} className='yq-card'>
            <Text className='yq-card__title'>{items[0].activityTitle}</Text>
            {items.map((i) => (
              <View key={i.id} className='approvals__item'>
                <Text style={{ display: 'block', fontWeight: 'bold' }}>
                  {i.userName} · {coins(i.creditedMinutes ?? 0)} 时间币
                </Text>
                <Text className='yq-muted' style={{ display: 'block' }}>
                  {shortTime(i.checkInAt)}
                  {i.checkOutAt ? ` – ${shortTime(i.checkOutAt)}` : ''}
                </Text>
                {i.flags.map((f) => (
                  <Text key={f} className='yq-field-error'>
                    {FLAG_LABEL[f] ?? f}
                  </Text>
                ))}
                {rejecting === i.id ? (
                  <View>
                    <Input className='yq-input' value={reason} placeholder='驳回原因（志愿者能看到）' onInput={(e) => setReason(e.detail.value)} />
                    <FieldError message={reject.fields.reason} />
                    <Button
                      className='yq-button'
                      disabled={reject.busy}
                      onClick={async () => {
                        if (await reject.run(i.id)) {
                          setRejecting(undefined)
                          setReason('')
                          void pending.reload()
                        }
                      }}
                    >
                      确认驳回
                    </Button>
                  </View>
                ) : (
                  <Text className='approvals__reject' onClick={() => setRejecting(i.id)}>
                    驳回
                  </Text>
                )}
              </View>
            ))}
            <Button
              className='yq-button'
              disabled={approve.busy}
              loading={approve.busy}
              onClick={async () => {
                const r = await approve.run(items[0].activityId)
                if (r) {
                  setApproved(`「${items[0].activityTitle}」已通过 ${r.approved} 人，共 ${coins(r.creditedMinutes)} 时间币入账`)
                  void pending.reload()
                }
              }}
            >
              全部通过（{items.length} 人，共 {coins(total)} 时间币{pending.nextCursor ? '，还有未显示的也一并通过' : ''}）
            </Button>
          </View>
        )
      })}
      <LoadMore query={pending} />
    </PageShell>
  )
}
