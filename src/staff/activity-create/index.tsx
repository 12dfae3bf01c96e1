import Taro from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { useState } from 'react'
import { call } from '../../api/client'
import { serverNow } from '../../api/server-clock'
import { FieldError } from '../../components/field-error'
import { ChoiceField, DateTimeField, Field, TextField } from '../../components/form'
import { howToAllow, locate } from '../../components/location'
import { PageShell } from '../../components/page-shell'
import { QueryStates } from '../../components/states'
import { Button, Location } from '../../components/ui'
import { useAction } from '../../hooks/use-action'
import { useQuery } from '../../hooks/use-query'
import { beijing, fromPickerDate, pickerDate } from '../../utils/format'

const RADII = ['100', '200', '500', '1000'] as const

/** The quarter hour now is in, on the server's clock, as a picker date: most activities are set up on the day. */
function thisQuarter(): Date {
  const now = beijing(serverNow())
  return pickerDate(
    now
      .subtract(now.minute() % 15, 'minute')
      .second(0)
      .millisecond(0)
      .toDate(),
  )
}

/** Staff publish an activity of their community: name, start and end, place, limits. */
export default function ActivityCreate() {
  const me = useQuery(() => call('account', 'me'))
  const [title, setTitle] = useState('')
  const [start, setStart] = useState(thisQuarter)
  const [end, setEnd] = useState(() => new Date(thisQuarter().getTime() + 2 * 3600_000))
  const [place, setPlace] = useState('')
  const [capacity, setCapacity] = useState('')
  const [maxHours, setMaxHours] = useState('')
  const [spot, setSpot] = useState<{ lat: number; lng: number } | undefined>(undefined)
  const [radius, setRadius] = useState<(typeof RADII)[number]>('200')
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
          startAt: fromPickerDate(start),
          endAt: fromPickerDate(end),
          ...(place ? { place } : {}),
          ...(capacity ? { capacity: Number(capacity) } : {}),
          ...(maxHours ? { maxMinutes: Math.round(Number(maxHours) * 60) } : {}),
          ...(spot ? { lat: spot.lat, lng: spot.lng, radiusM: Number(radius) } : {}),
        },
        { requestId },
      ),
    { shownFields: ['title', 'startAt', 'endAt', 'place', 'radiusM', 'capacity', 'maxMinutes'], successToast: '已发布' },
  )
  const submit = async () => {
    const r = await create.run()
    if (r) void Taro.redirectTo({ url: `/pages/activity/index?id=${r.activity.id}` })
  }
  const f = create.fields
  // The pickers offer from today to a year ahead (core takes up to 30 days back, for records made late).
  const min = pickerDate(beijing(serverNow()).subtract(30, 'day').toDate())
  const max = pickerDate(beijing(serverNow()).add(1, 'year').toDate())

  return (
    <PageShell title='发布活动'>
      <QueryStates query={me} />
      <View className='yq-section'>
        <TextField label='活动名称' value={title} placeholder='例如：陪伴独居老人聊天' onChange={setTitle} error={f.title} />
        <DateTimeField
          label='开始时间'
          title='选择开始时间'
          value={start}
          min={min}
          max={max}
          testId='start-at'
          onChange={(d) => {
            // Keep the length when the start moves.
            setEnd(new Date(d.getTime() + (end.getTime() - start.getTime())))
            setStart(d)
          }}
          error={f.startAt}
        />
        <DateTimeField label='结束时间' title='选择结束时间' value={end} min={min} max={max} testId='end-at' onChange={setEnd} error={f.endAt} />
        <TextField label='地点（选填）' value={place} placeholder='例如：社区活动室' onChange={setPlace} error={f.place} />
        <Field label='只允许在现场扫码（选填）' error={spotError ?? f.radiusM}>
          {spot ? (
            <View>
              <Text className='yq-muted'>已记录现在的位置，签到时需在以下范围内：</Text>
              <ChoiceField
                label='范围'
                title='签到范围'
                options={RADII.map((r) => ({ label: `${r} 米内`, value: r }))}
                value={radius}
                onChange={setRadius}
                placeholder='选择范围'
              />
              <View className='yq-actions'>
                <Button block onClick={() => setSpot(undefined)}>
                  不限制位置
                </Button>
              </View>
            </View>
          ) : (
            <Button
              block
              icon={<Location />}
              onClick={async () => {
                const p = await locate()
                setSpotError(p.ok ? undefined : `没有取得位置，可以不限制位置。${howToAllow(p.why)}`)
                setSpot(p.ok ? { lat: p.lat, lng: p.lng } : undefined)
              }}
            >
              用我现在的位置作为活动地点
            </Button>
          )}
        </Field>
        <TextField label='名额（选填）' type='number' value={capacity} placeholder='不填表示不限' onChange={setCapacity} error={f.capacity} />
        <TextField
          label='每人最多计几小时（选填）'
          type='digit'
          value={maxHours}
          placeholder='例如 2'
          onChange={setMaxHours}
          error={f.maxMinutes}
          hint='按 15 分钟为单位计时，例如 1.5 或 2'
        />
        <FieldError message={create.error} />
        <View className='yq-actions'>
          <Button type='primary' size='large' block loading={create.busy} disabled={!me.data} onClick={() => !create.busy && void submit()}>
            发布活动
          </Button>
        </View>
      </View>
    </PageShell>
  )
}
