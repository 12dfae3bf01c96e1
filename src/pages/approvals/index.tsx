import { View, Text, Button, Input } from '@tarojs/components'
import { useState } from 'react'
import type { Attendance } from '@contract'
import { call } from '../../api/client'
import { FieldError } from '../../components/field-error'
import { PageShell } from '../../components/page-shell'
import { Empty, QueryStates } from '../../components/states'
import { useAction } from '../../hooks/use-action'
import { useQuery } from '../../hooks/use-query'
import { coins, FLAG_LABEL, shortTime } from '../../utils/format'
import './index.css'

/** Staff approve the hours of a whole activity at once, or turn one down with a reason. */
export default function Approvals() {
  const me = useQuery(() => call('account', 'me'))
  const pending = useQuery(() => call('hours', 'pending', {}))
  const [rejecting, setRejecting] = useState<string | undefined>(undefined)
  const [reason, setReason] = useState('')
  const approve = useAction((requestId, ids: string[]) => call('hours', 'approve', { attendanceIds: ids }, { requestId }), { successToast: '已通过，时间币已入账' })
  const reject = useAction((requestId, attendanceId: string) => call('hours', 'reject', { attendanceId, reason }, { requestId }), { successToast: '已驳回' })
  const roles = me.data?.user.roles.map((r) => r.role) ?? []

  const groups = new Map<string, Attendance[]>()
  for (const i of pending.data?.items ?? []) groups.set(i.activityId, [...(groups.get(i.activityId) ?? []), i])

  return (
    <PageShell tab='approvals' roles={roles}>
      <QueryStates query={pending} />
      <FieldError message={approve.error} />
      {pending.data && groups.size === 0 ? <Empty text='没有待审核的时长' /> : null}
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
                  <Text key={f} className='yq-field-error'>{FLAG_LABEL[f] ?? f}</Text>
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
                  <Text className='approvals__reject' onClick={() => setRejecting(i.id)}>驳回</Text>
                )}
              </View>
            ))}
            <Button
              className='yq-button'
              disabled={approve.busy}
              loading={approve.busy}
              onClick={async () => (await approve.run(items.map((i) => i.id))) && pending.reload()}
            >
              全部通过（{items.length} 人，共 {coins(total)} 时间币）
            </Button>
          </View>
        )
      })}
    </PageShell>
  )
}
