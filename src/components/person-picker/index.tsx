import { View, Text } from '@tarojs/components'
import { useState } from 'react'
import type { OutputOf } from '@contract'
import { call } from '../../api/client'
import { useAction } from '../../hooks/use-action'
import { Field, TextField } from '../form'
import { Button, Cell, CellGroup } from '../ui'

type Match = OutputOf<'account', 'lookup'>['items'][number]
export interface Picked {
  id: string
  name: string
}

/**
 * Choose people of the street by phone (staff and the street admin): everyone with the number
 * is listed (a family may share one) with enough to tell them apart, and is picked by hand; a
 * managed account (no WeChat) cannot be picked. Those picked are listed, each with 移除.
 */
export function PersonPicker({
  role,
  picked,
  onChange,
  error,
  testId,
}: {
  /** What the people are picked as: 店员, 委员. */
  role: string
  picked: Picked[]
  onChange: (next: Picked[]) => void
  error?: string
  testId: string
}) {
  const [phone, setPhone] = useState('')
  const [matches, setMatches] = useState<Match[]>([])
  const lookup = useAction((_requestId, p: string) => call('account', 'lookup', { phone: p }))
  const find = async () => {
    const r = await lookup.run(phone)
    setMatches(r?.items ?? [])
  }
  const pick = (m: Match) => {
    if (!picked.some((o) => o.id === m.id)) onChange([...picked, { id: m.id, name: m.name }])
    setMatches([])
    setPhone('')
  }
  return (
    <View>
      <TextField
        label={`${role}（输入手机号查找）`}
        type='number'
        maxLength={11}
        value={phone}
        placeholder={`${role}的手机号`}
        onChange={setPhone}
        error={lookup.error}
      />
      <View className='yq-actions'>
        <Button block loading={lookup.busy} disabled={phone.length !== 11} onClick={() => !lookup.busy && void find()}>
          查找
        </Button>
      </View>
      {matches.length > 0 ? (
        <CellGroup title={`找到 ${matches.length} 位，请核对后选择`}>
          {matches.map((m) => (
            <Cell
              key={m.id}
              title={
                <Text data-testid='lookup-match' className='yq-strong'>
                  {m.name}
                </Text>
              }
              description={`${m.communityName}${m.birthYear ? ` · ${m.birthYear} 年生` : ''} · ${m.since} 注册${m.managed ? ` · 代管账户（没有微信，不能当${role}）` : ''}`}
              extra={
                m.managed ? null : (
                  <Button size='small' type='primary' onClick={() => pick(m)}>
                    选这一位
                  </Button>
                )
              }
            />
          ))}
        </CellGroup>
      ) : null}
      <Field label={`已选${role}（${picked.length} 位）`} error={error}>
        <View data-testid={testId}>
          {picked.length === 0 ? <Text className='yq-muted'>还没有选，用上面的手机号查找</Text> : null}
          <CellGroup>
            {picked.map((o) => (
              <Cell
                key={o.id}
                title={o.name}
                extra={
                  <Button size='small' onClick={() => onChange(picked.filter((x) => x.id !== o.id))}>
                    移除
                  </Button>
                }
              />
            ))}
          </CellGroup>
        </View>
      </Field>
    </View>
  )
}
