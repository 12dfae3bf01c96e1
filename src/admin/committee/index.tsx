import { View, Text } from '@tarojs/components'
import { useEffect, useState } from 'react'
import { QUORUM_LABELS, type Quorum } from '@contract'
import { call } from '../../api/client'
import { useConfirm } from '../../components/confirm'
import { FieldError } from '../../components/field-error'
import { Field } from '../../components/form'
import { PageShell } from '../../components/page-shell'
import { PersonPicker, type Picked } from '../../components/person-picker'
import { QueryStates } from '../../components/states'
import { Button, Cell, CellGroup, Segmented } from '../../components/ui'
import { useAction } from '../../hooks/use-action'
import { useQuery } from '../../hooks/use-query'

/** The choices, said short enough to sit side by side. */
const QUORUMS: Array<{ label: string; value: Quorum }> = [
  { label: '超过半数', value: 'majority' },
  { label: '三分之二', value: 'two-thirds' },
  { label: '全体', value: 'all' },
]

/**
 * 管委会: who sits on the fund's committee and how many must agree for a micro-project to be
 * funded. The street admin names the members (found by phone) and chooses the rule; saving asks
 * first, saying what the committee will be.
 */
export default function Committee() {
  const q = useQuery(() => call('fund', 'committee', {}))
  const [members, setMembers] = useState<Picked[]>([])
  const [quorum, setQuorum] = useState<Quorum>('majority')
  const { confirm, dialog } = useConfirm()
  const current = q.data
  useEffect(() => {
    if (!current) return
    setMembers(current.members.map((m) => ({ id: m.id, name: m.name })))
    setQuorum(current.quorum)
  }, [current])
  const save = useAction((requestId) => call('fund', 'setCommittee', { memberIds: members.map((m) => m.id), quorum }, { requestId }), {
    shownFields: ['memberIds', 'quorum'],
    successToast: '已保存',
  })
  const submit = async () => {
    const ok = await confirm({
      title: '保存管委会？',
      content: `管委会将有 ${members.length} 名委员：${members.map((m) => m.name).join('、')}。微项目需要${QUORUM_LABELS[quorum]}才能资助。`,
      confirmText: '确认保存',
    })
    if (ok && (await save.run())) void q.reload()
  }
  return (
    <PageShell title='管委会'>
      {dialog}
      <QueryStates query={q} />
      {current ? (
        <CellGroup title='现在的管委会'>
          <Cell
            title={<Text data-testid='committee-rule'>{`${current.members.length} 名委员，资助需要 ${current.approvalsNeeded} 人同意`}</Text>}
            description={`${QUORUM_LABELS[current.quorum]}；有利益关系的委员回避，不计入人数`}
          />
          {current.members.map((m) => (
            <Cell key={m.id} title={<Text data-testid='committee-member'>{m.name}</Text>} extra={m.communityName} />
          ))}
        </CellGroup>
      ) : null}
      {current ? (
        <View className='yq-section'>
          <Text className='yq-section__title'>修改委员和规则</Text>
          <PersonPicker role='委员' picked={members} onChange={setMembers} error={save.fields.memberIds} testId='committee-picked' />
          <Field label='资助需要多少委员同意' error={save.fields.quorum}>
            <Segmented className='yq-segmented' value={quorum} options={QUORUMS} onChange={(v) => setQuorum(v as Quorum)} />
          </Field>
          <FieldError message={save.error} />
          <Button type='primary' size='large' block loading={save.busy} onClick={() => !save.busy && void submit()}>
            保存管委会
          </Button>
        </View>
      ) : null}
    </PageShell>
  )
}
