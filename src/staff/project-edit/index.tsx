import Taro, { useRouter } from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { useEffect, useState } from 'react'
import { call } from '../../api/client'
import { FieldError } from '../../components/field-error'
import { TextAreaField, TextField } from '../../components/form'
import { PageShell } from '../../components/page-shell'
import { QueryStates } from '../../components/states'
import { Button, Cell, CellGroup } from '../../components/ui'
import { useAction } from '../../hooks/use-action'
import { useQuery } from '../../hooks/use-query'
import { fenOf, yuan } from '../../utils/format'

interface Line {
  item: string
  amount: string
}
const yuanText = (fen: number): string => (fen / 100).toFixed(2).replace(/\.00$/, '')
const NOT_MONEY = '请填写金额，例如 1200 或 35.5（最多两位小数）'
const SHOWN = ['title', 'need', 'goalFen', 'plan', 'budget', ...Array.from({ length: 30 }, (_, i) => [`budget.${i}.item`, `budget.${i}.amountFen`]).flat()]

/**
 * A micro-project proposal (staff): the need, the goal in 元, the plan and the budget lines;
 * saved as a draft (new, or `?id=` to edit one), then submitted from the project's page.
 */
export default function ProjectEdit() {
  const id = useRouter().params.id
  const me = useQuery(() => call('account', 'me'))
  const existing = useQuery(() => (id ? call('fund', 'project', { projectId: id }) : Promise.resolve(undefined)), [id])
  const [title, setTitle] = useState('')
  const [need, setNeed] = useState('')
  const [goal, setGoal] = useState('')
  const [plan, setPlan] = useState('')
  const [lines, setLines] = useState<Line[]>([{ item: '', amount: '' }])
  const p = existing.data?.project
  useEffect(() => {
    if (!p) return
    setTitle(p.title)
    setNeed(p.need)
    setGoal(yuanText(p.goalFen))
    setPlan(p.plan)
    setLines(p.budget.map((b) => ({ item: b.item, amount: yuanText(b.amountFen) })))
  }, [p])
  const communityId = p?.communityId ?? me.data?.user.roles.find((r) => r.role === 'staff')?.scope ?? me.data?.user.communityId ?? ''
  const budgetFen = lines.reduce((sum, l) => sum + (fenOf(l.amount) || 0), 0)
  const save = useAction(
    (requestId) =>
      call(
        'fund',
        'propose',
        {
          ...(id ? { projectId: id } : {}),
          communityId,
          title,
          need,
          goalFen: goal.trim() === '' ? 0 : fenOf(goal),
          plan,
          budget: lines.map((l) => ({ item: l.item, amountFen: l.amount.trim() === '' ? 0 : fenOf(l.amount) })),
        },
        { requestId },
      ),
    { shownFields: SHOWN, successToast: '已存草稿' },
  )
  // An amount that is not money (letters, three decimals) is said here, before anything is sent.
  const [typo, setTypo] = useState<Record<string, string>>({})
  const f = { ...save.fields, ...typo }
  const setLine = (i: number, patch: Partial<Line>) => setLines((ls) => ls.map((l, j) => (j === i ? { ...l, ...patch } : l)))
  const submit = async () => {
    const wrong: Record<string, string> = {}
    if (goal.trim() !== '' && Number.isNaN(fenOf(goal))) wrong.goalFen = NOT_MONEY
    lines.forEach((l, i) => {
      if (l.amount.trim() !== '' && Number.isNaN(fenOf(l.amount))) wrong[`budget.${i}.amountFen`] = NOT_MONEY
    })
    setTypo(wrong)
    if (Object.keys(wrong).length > 0) return
    const r = await save.run()
    if (r) void Taro.redirectTo({ url: `/pages/project/index?id=${r.project.id}` })
  }
  return (
    <PageShell title={id ? '修改微项目申请' : '写微项目申请'}>
      <QueryStates query={id ? existing : me} />
      <View className='yq-section'>
        <TextField label='项目名称' value={title} placeholder='例如：德有邻孝老行动' onChange={setTitle} error={f.title} />
        <TextAreaField label='社区的需要' value={need} placeholder='谁需要帮助，缺什么' onChange={setNeed} error={f.need} maxLength={1000} />
        <TextField label='目标金额（元）' type='digit' value={goal} placeholder='例如 20000' onChange={setGoal} error={f.goalFen} />
        <TextAreaField label='怎么做' value={plan} placeholder='谁来做，做什么，多久' onChange={setPlan} error={f.plan} maxLength={2000} />
      </View>
      <CellGroup title={`预算（合计 ${yuan(budgetFen)}）`}>
        {lines.map((l, i) => (
          <View key={i} className='yq-section' data-testid='budget-line'>
            <TextField
              label={`第 ${i + 1} 项`}
              value={l.item}
              placeholder='例如：生日会物资'
              onChange={(v) => setLine(i, { item: v })}
              error={f[`budget.${i}.item`]}
            />
            <TextField
              label='金额（元）'
              type='digit'
              value={l.amount}
              placeholder='例如 1200'
              onChange={(v) => setLine(i, { amount: v })}
              error={f[`budget.${i}.amountFen`]}
            />
            {lines.length > 1 ? (
              <Button size='small' onClick={() => setLines((ls) => ls.filter((_, j) => j !== i))}>
                删除这一项
              </Button>
            ) : null}
          </View>
        ))}
        <Cell title={<Text>再加一项预算</Text>} clickable onClick={() => setLines((ls) => [...ls, { item: '', amount: '' }])} />
      </CellGroup>
      <FieldError message={f.budget} />
      <View className='yq-section'>
        <FieldError message={save.error} />
        <Button type='primary' size='large' block loading={save.busy} onClick={() => !save.busy && void submit()}>
          存为草稿
        </Button>
        <Text className='yq-muted'>存好后在项目页面检查一遍，再提交管委会评审。</Text>
      </View>
    </PageShell>
  )
}
