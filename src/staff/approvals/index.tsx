import { View, Text } from '@tarojs/components'
import { useState } from 'react'
import type { Attendance } from '@contract'
import { call, newRequestId } from '../../api/client'
import { useConfirm } from '../../components/confirm'
import { FieldError } from '../../components/field-error'
import { TextField } from '../../components/form'
import { PageShell } from '../../components/page-shell'
import { LoadMore, QueryStates } from '../../components/states'
import { Button, Cell, CellGroup } from '../../components/ui'
import { useAction } from '../../hooks/use-action'
import { usePagedQuery } from '../../hooks/use-paged-query'
import { useQuery } from '../../hooks/use-query'
import { coins, creditExplained, FLAG_LABEL, serviceSpan } from '../../utils/format'

/**
 * Staff approve the hours of a whole activity at once — every record of it that waits, page
 * after page on the server, however many there are — after saying so in a dialog, or turn one
 * down with a reason.
 */
export default function Approvals() {
  const me = useQuery(() => call('account', 'me'))
  const pending = usePagedQuery((cursor) => call('hours', 'pending', cursor ? { cursor } : {}))
  const [rejecting, setRejecting] = useState<string | undefined>(undefined)
  const [reason, setReason] = useState('')
  const [approved, setApproved] = useState<string | undefined>(undefined)
  const { confirm, dialog } = useConfirm()
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

  const approveAll = async (items: Attendance[], total: number) => {
    const first = items[0]
    const more = pending.nextCursor ? '，以及还没显示的' : ''
    const yes = await confirm({
      title: '全部通过？',
      content: `「${first.activityTitle}」的 ${items.length} 人${more}都将通过，共 ${coins(total)} 时间币立即入账，不能撤回。`,
      confirmText: '全部通过',
    })
    if (!yes) return
    const r = await approve.run(first.activityId)
    if (r) {
      setApproved(`「${first.activityTitle}」已通过 ${r.approved} 人，共 ${coins(r.creditedMinutes)} 时间币入账`)
      void pending.reload()
    }
  }

  return (
    <PageShell tab='approvals' roles={roles} title='审核时长'>
      {dialog}
      <FieldError message={approve.error} />
      {approved ? (
        <Text className='yq-notice' data-testid='approved-notice'>
          {approved}
        </Text>
      ) : null}
      {[...groups.values()].map((items) => {
        const total = items.reduce((s, i) => s + (i.creditedMinutes ?? 0), 0)
        return (
          <View key={items[0].activityId} className='yq-section'>
            <Text className='yq-section__title'>{items[0].activityTitle}</Text>
            <CellGroup>
              {items.map((i) => (
                <Cell
                  key={i.id}
                  title={
                    <Text className='yq-strong'>
                      {i.userName} · {coins(i.creditedMinutes ?? 0)} 时间币
                    </Text>
                  }
                  description={
                    <View>
                      <Text className='yq-muted'>{serviceSpan(i.checkInAt, i.checkOutAt)}</Text>
                      <Text className='yq-muted'>{creditExplained(i)}</Text>
                      {i.flags.map((f) => (
                        <Text key={f} className='yq-error'>
                          {FLAG_LABEL[f] ?? f}
                        </Text>
                      ))}
                      {rejecting === i.id ? (
                        <View>
                          <TextField label='驳回原因' value={reason} placeholder='志愿者能看到这个原因' onChange={setReason} error={reject.fields.reason} />
                          <View className='yq-actions'>
                            <Button
                              type='danger'
                              block
                              loading={reject.busy}
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
                            <Button block onClick={() => setRejecting(undefined)}>
                              不驳回了
                            </Button>
                          </View>
                        </View>
                      ) : null}
                    </View>
                  }
                  extra={
                    rejecting === i.id ? null : (
                      <Button size='small' onClick={() => setRejecting(i.id)}>
                        驳回
                      </Button>
                    )
                  }
                />
              ))}
            </CellGroup>
            <Button type='primary' size='large' block loading={approve.busy} onClick={() => void approveAll(items, total)}>
              全部通过（{items.length} 人，共 {coins(total)} 时间币{pending.nextCursor ? '，还有未显示的也一并通过' : ''}）
            </Button>
          </View>
        )
      })}
      <QueryStates query={pending} isEmpty={groups.size === 0} emptyText='没有待审核的时长' />
      <LoadMore query={pending} />
    </PageShell>
  )
}
