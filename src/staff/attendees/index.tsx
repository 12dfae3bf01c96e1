import { useRouter } from '@tarojs/taro'
import { Text } from '@tarojs/components'
import { call } from '../../api/client'
import { useConfirm } from '../../components/confirm'
import { FieldError } from '../../components/field-error'
import { PageShell } from '../../components/page-shell'
import { LoadMore, QueryStates } from '../../components/states'
import { Button, Cell, CellGroup, Tag } from '../../components/ui'
import { usePagedQuery } from '../../hooks/use-paged-query'
import { useAction } from '../../hooks/use-action'
import { useQuery } from '../../hooks/use-query'
import { coins, shortTime, STATUS_LABEL } from '../../utils/format'

/** Who is in and out; staff check people in or out by hand (for someone with no phone), after confirming. */
export default function Attendees() {
  const id = useRouter().params.id ?? ''
  // Signed up but not in (the first 50), then who came, a page at a time.
  const missing = useQuery(() => call('checkin', 'attendees', { activityId: id }), [id])
  const list = usePagedQuery((cursor) => call('checkin', 'attendees', { activityId: id, ...(cursor ? { cursor } : {}) }), [id])
  const { confirm, dialog } = useConfirm()
  const manual = useAction((requestId, userId: string, kind: 'in' | 'out') => call('checkin', 'manual', { activityId: id, userId, kind }, { requestId }), {
    successToast: '已记录',
  })
  const act = async (userId: string, name: string, kind: 'in' | 'out') => {
    const word = kind === 'in' ? '签到' : '签退'
    const yes = await confirm({
      title: `为${name}手工${word}？`,
      content: `记下${name}现在${word}，时间以现在为准；记下后不能删除。请确认${name}本人在现场。`,
      confirmText: `确认${word}`,
    })
    if (yes && (await manual.run(userId, kind))) {
      void list.reload()
      void missing.reload()
    }
  }
  const notIn = missing.data?.notCheckedIn ?? []
  const came = list.items ?? []
  return (
    <PageShell title='签到名单'>
      {dialog}
      <FieldError message={manual.error} />
      {notIn.length > 0 ? (
        <CellGroup title='已报名，还没签到'>
          {notIn.map((p) => (
            <Cell
              key={p.userId}
              title={p.userName}
              extra={
                <Button size='small' loading={manual.busy} onClick={() => void act(p.userId, p.userName, 'in')}>
                  手工签到
                </Button>
              }
            />
          ))}
        </CellGroup>
      ) : null}
      <CellGroup title='已签到'>
        {came.map((i) => (
          <Cell
            key={i.id}
            title={<Text className='yq-strong'>{i.userName}</Text>}
            description={`签到 ${shortTime(i.checkInAt)}${i.checkOutAt ? ` · 签退 ${shortTime(i.checkOutAt)}` : ''}${
              i.method === 'manual' ? ' · 手工' : i.method === 'proxy' ? ' · 代持人代扫' : ''
            }${i.creditedMinutes !== undefined && i.status !== 'rejected' ? ` · ${coins(i.creditedMinutes)} 时间币` : ''}`}
            extra={
              i.status === 'open' ? (
                <Button size='small' loading={manual.busy} onClick={() => void act(i.userId, i.userName, 'out')}>
                  手工签退
                </Button>
              ) : (
                <Tag type={i.status === 'rejected' ? 'danger' : i.status === 'approved' ? 'success' : 'primary'}>{STATUS_LABEL[i.status]}</Tag>
              )
            }
          />
        ))}
      </CellGroup>
      <QueryStates query={list} isEmpty={came.length === 0 && notIn.length === 0} emptyText='还没有人签到' />
      <LoadMore query={list} />
    </PageShell>
  )
}
