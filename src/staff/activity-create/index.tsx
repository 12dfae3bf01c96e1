import Taro from '@tarojs/taro'
import { View, Text, Input, Picker, Button } from '@tarojs/components'
import { useState } from 'react'
import { call } from '../../api/client'
import { FieldError } from '../../components/field-error'
import { PageShell } from '../../components/page-shell'
import { QueryStates } from '../../components/states'
import { useAction } from '../../hooks/use-action'
import { useQuery } from '../../hooks/use-query'
import { howToAllow, locate } from '../../components/location'
import { beijingParts, fromBeijing } from '../../utils/format'

const RADII = [100, 200, 500, 1000]

/** Staff publish an activity of their community: name, day, start and end, place, limits. */
export default function ActivityCreate() {
  const me = useQuery(() => call('account', 'me'))
  const now = beijingParts(new Date())
  const later = beijingParts(new Date(Date.now() + 2 * 3600_000))
  const [title, setTitle] = useState('')
  const [date, setDate] = useState(now.date)
  const [start, setStart] = useState(now.time)
  const [end, setEnd] = useState(later.date === now.date ? later.time : '23:59')
  const [place, setPlace] = useState('')
  const [capacity, setCapacity] = useState('')
  const [maxHours, setMaxHours] = useState('')
  const [spot, setSpot] = useState<{ lat: number; lng: number } | undefined>(undefined)
  const [radius, setRadius] = useState(200)
  const [spotError, setSpotError] = useState<string | undefined>(undefined)
  const staffOf = me.data?.user.roles.find((r) => r.role === 'staff')?.scope ?? me.data?.user.communityId
  const create = useAction(
    (requestId) =>
      call(
        'activity',
        'create',
        {
          communityId: staffOf ?? '',
          title,
          startAt: fromBeijing(date, start),
          endAt: fromBeijing(date, end),
          ...(place ? { place } : {}),
          ...(capacity ? { capacity: Number(capacity) } : {}),
          ...(maxHours ? { maxMinutes: Math.round(Number(maxHours) * 60) } : {}),
          ...(spot ? { lat: spot.lat, lng: spot.lng, radiusM: radius } : {}),
        },
        { requestId },
      ),
    { shownFields: ['title', 'startAt', 'endAt', 'place', 'radiusM', 'capacity', 'maxMinutes'] },
  )
  const submit = async () => {
    const r = await create.run()
    if (r) void Taro.redirectTo({ url: `/pages/activity/index?id=${r.activity.id}` })
  }

  return (
    <PageShell>
      <QueryStates query={me} />
      <View className='yq-card'>
        <Text className='yq-label'>活动名称</Text>
        <Input className='yq-input' value={title} placeholder='例如：陪伴独居老人聊天' onInput={(e) => setTitle(e.detail.value)} />
        <FieldError message={create.fields.title} />
        <Text className='yq-label'>日期</Text>
        <Picker mode='date' value={date} onChange={(e) => setDate(String(e.detail.value))}>
          <View className='yq-input'>{date}</View>
        </Picker>
        <Text className='yq-label'>开始时间</Text>
        <Picker mode='time' value={start} onChange={(e) => setStart(String(e.detail.value))}>
          <View className='yq-input'>{start}</View>
        </Picker>
        <FieldError message={create.fields.startAt} />
        <Text className='yq-label'>结束时间</Text>
        <Picker mode='time' value={end} onChange={(e) => setEnd(String(e.detail.value))}>
          <View className='yq-input'>{end}</View>
        </Picker>
        <FieldError message={create.fields.endAt} />
        <Text className='yq-label'>地点（选填）</Text>
        <Input className='yq-input' value={place} placeholder='例如：社区活动室' onInput={(e) => setPlace(e.detail.value)} />
        <FieldError message={create.fields.place} />
        <Text className='yq-label'>只允许在现场扫码（选填）</Text>
        {spot ? (
          <View>
            <Text className='yq-muted' style={{ display: 'block' }}>
              已记录现在的位置，签到时需在以下范围内：
            </Text>
            <Picker
              mode='selector'
              range={RADII.map((r) => `${r} 米`)}
              value={Math.max(0, RADII.indexOf(radius))}
              onChange={(e) => setRadius(RADII[Number(e.detail.value)])}
            >
              <View className='yq-input'>{radius} 米内</View>
            </Picker>
            <Text className='yq-muted' onClick={() => setSpot(undefined)}>
              不限制位置
            </Text>
          </View>
        ) : (
          <Button
            className='yq-button yq-button--ghost'
            onClick={async () => {
              const p = await locate()
              setSpotError(p.ok ? undefined : `没有取得位置，可以不限制位置。${howToAllow(p.why)}`)
              setSpot(p.ok ? { lat: p.lat, lng: p.lng } : undefined)
            }}
          >
            用我现在的位置作为活动地点
          </Button>
        )}
        <FieldError message={spotError ?? create.fields.radiusM} />
        <Text className='yq-label'>名额（选填）</Text>
        <Input className='yq-input' type='number' value={capacity} placeholder='不填表示不限' onInput={(e) => setCapacity(e.detail.value)} />
        <FieldError message={create.fields.capacity} />
        <Text className='yq-label'>每人最多计几小时（选填）</Text>
        <Input className='yq-input' type='digit' value={maxHours} placeholder='例如 2' onInput={(e) => setMaxHours(e.detail.value)} />
        <FieldError message={create.fields.maxMinutes} />
        <FieldError message={create.error} />
        <Button className='yq-button' loading={create.busy} disabled={create.busy || !me.data} onClick={submit}>
          发布活动
        </Button>
      </View>
    </PageShell>
  )
}
