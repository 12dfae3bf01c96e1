import Taro, { useRouter } from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { useState } from 'react'
import { PROJECT_STATUS_LABELS, VOTE_LABELS, type ProjectView, type VoteDecision } from '@contract'
import { call } from '../../api/client'
import { useConfirm } from '../../components/confirm'
import { FieldError } from '../../components/field-error'
import { Field, TextField } from '../../components/form'
import { PageShell } from '../../components/page-shell'
import { QueryStates } from '../../components/states'
import { Button, Cell, CellGroup, Segmented, Tag } from '../../components/ui'
import { useAction } from '../../hooks/use-action'
import { useQuery } from '../../hooks/use-query'
import { shortTime, yuan } from '../../utils/format'
import { ProjectMoney } from './money'

const CHOICES: Array<{ label: string; value: VoteDecision }> = [
  { label: '同意', value: 'approve' },
  { label: '反对', value: 'reject' },
  { label: '弃权', value: 'abstain' },
]

/**
 * A micro-project: what it is for, its budget, and the committee's review — a member votes or
 * steps aside here; staff submit a draft and close the vote after its deadline; once decided,
 * the tally and every ballot are shown to everyone. An active or closed project shows its
 * money too (ProjectMoney). Anyone with the link may open it, logged in or not.
 */
export default function Project() {
  const id = useRouter().params.id ?? ''
  const q = useQuery(() => call('fund', 'project', { projectId: id }), [id])
  const [shown, setShown] = useState<ProjectView | undefined>(undefined)
  const p = shown ?? q.data?.project
  const [decision, setDecision] = useState<VoteDecision>('approve')
  const [comment, setComment] = useState('')
  const [reason, setReason] = useState('')
  const { confirm, dialog } = useConfirm()
  const act = useAction(
    (requestId, move: 'submit' | 'vote' | 'declareConflict' | 'closeVote') =>
      move === 'vote'
        ? call('fund', 'vote', { projectId: id, decision, ...(comment ? { comment } : {}) }, { requestId })
        : move === 'declareConflict'
          ? call('fund', 'declareConflict', { projectId: id, reason }, { requestId })
          : call('fund', move, { projectId: id }, { requestId }),
    { shownFields: ['comment', 'reason'], successToast: '已办好' },
  )
  const ASK = {
    submit: { title: '提交管委会评审？', content: '提交后不能再修改，委员会收到消息，7 天内投票。', confirmText: '确认提交' },
    vote: { title: `投「${VOTE_LABELS[decision]}」？`, content: '投票后不能更改，结果出来后公开。', confirmText: '确认投票' },
    declareConflict: { title: '声明回避？', content: '回避后您不投票，也不计入人数。', confirmText: '确认回避' },
    closeVote: { title: '结束投票并计票？', content: '没投票的委员算作没有同意。', confirmText: '结束并计票' },
  }
  const run = async (move: keyof typeof ASK) => {
    if (!(await confirm(ASK[move]))) return
    const r = await act.run(move)
    if (r) setShown(r.project)
  }
  // The review's moves; raising and spending have theirs in ProjectMoney.
  const can = new Set((p?.can ?? []).filter((c) => ['edit', 'submit', 'vote', 'declareConflict', 'closeVote'].includes(c)))
  return (
    <PageShell title='微项目'>
      {dialog}
      <QueryStates query={q} />
      {p ? (
        <View>
          <View className='yq-section'>
            <Text className='yq-section__title'>{p.title}</Text>
            <Tag type={p.status === 'active' || p.status === 'approved' ? 'success' : p.status === 'rejected' ? 'danger' : 'primary'}>
              <Text data-testid='project-status'>{PROJECT_STATUS_LABELS[p.status]}</Text>
            </Tag>
            <Text className='yq-muted'>
              {p.communityName} · {p.proposerName} 申请 · 目标 {yuan(p.goalFen)}
            </Text>
          </View>
          {p.money ? <ProjectMoney p={p} /> : null}
          <CellGroup title='社区的需要'>
            <Cell title={<Text className='yq-text'>{p.need}</Text>} />
          </CellGroup>
          <CellGroup title='怎么做'>
            <Cell title={<Text className='yq-text'>{p.plan}</Text>} />
          </CellGroup>
          <CellGroup title={`预算（合计 ${yuan(p.budget.reduce((s, b) => s + b.amountFen, 0))}）`}>
            {p.budget.map((b, i) => (
              <Cell key={i} title={b.item} extra={yuan(b.amountFen)} />
            ))}
          </CellGroup>
          {p.reviewers !== undefined && !p.tally ? (
            <CellGroup title='管委会评审'>
              <Cell
                title={<Text data-testid='review-progress'>{`${p.answered} / ${p.reviewers} 位委员已表态`}</Text>}
                description={p.voteDeadline ? `${shortTime(p.voteDeadline)} 截止；结果出来后公开每一票` : undefined}
              />
              {p.myBallot ? <Cell title='我的表态' extra={VOTE_LABELS[p.myBallot.decision]} /> : null}
            </CellGroup>
          ) : null}
          {p.tally ? (
            <CellGroup title='评审结果'>
              <Cell
                title={
                  <Text data-testid='tally'>{`${p.tally.outcome === 'approved' ? '通过' : '未通过'}：同意 ${p.tally.approvals}，反对 ${p.tally.rejects}，弃权 ${p.tally.abstains}，回避 ${p.tally.recused}，未投 ${p.tally.notVoted}`}</Text>
                }
                description={`计入 ${p.tally.counted} 人，需要 ${p.tally.needed} 人同意且无人反对；${p.tally.closedBy === 'deadline' ? '截止后由社工计票' : '全体委员表态后自动计票'}，${shortTime(p.tally.at)}`}
              />
              {(p.ballots ?? []).map((b) => (
                <Cell key={b.memberId} title={<Text data-testid='ballot'>{`${b.memberName}：${VOTE_LABELS[b.decision]}`}</Text>} description={b.comment} />
              ))}
            </CellGroup>
          ) : null}
          {can.size > 0 || act.error ? (
            <View className='yq-section'>
              {can.has('vote') ? (
                <View>
                  <Field label='您的意见'>
                    <Segmented className='yq-segmented' value={decision} options={CHOICES} onChange={(v) => setDecision(v as VoteDecision)} />
                  </Field>
                  <TextField label='说几句（选填，公开）' value={comment} placeholder='例如：预算合理' onChange={setComment} error={act.fields.comment} />
                  <Button type='primary' size='large' block loading={act.busy} onClick={() => void run('vote')}>
                    投票
                  </Button>
                </View>
              ) : null}
              {can.has('declareConflict') ? (
                <View className='yq-actions'>
                  <TextField
                    label='有利益关系？说明后回避'
                    value={reason}
                    placeholder='例如：我在申请的单位工作'
                    onChange={setReason}
                    error={act.fields.reason}
                  />
                  <Button block onClick={() => void run('declareConflict')}>
                    声明回避
                  </Button>
                </View>
              ) : null}
              {can.has('edit') ? (
                <View className='yq-actions'>
                  <Button block onClick={() => void Taro.navigateTo({ url: `/staff/project-edit/index?id=${p.id}` })}>
                    修改
                  </Button>
                </View>
              ) : null}
              {can.has('submit') ? (
                <Button type='primary' size='large' block loading={act.busy} onClick={() => void run('submit')}>
                  提交管委会评审
                </Button>
              ) : null}
              {can.has('closeVote') ? (
                <Button type='primary' size='large' block loading={act.busy} onClick={() => void run('closeVote')}>
                  结束投票并计票
                </Button>
              ) : null}
              <FieldError message={act.error} />
            </View>
          ) : null}
        </View>
      ) : null}
    </PageShell>
  )
}
