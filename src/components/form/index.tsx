import { View, Text } from '@tarojs/components'
import { useState, type ReactNode } from 'react'
import { FieldError } from '../field-error'
import { pickerShown } from '../../utils/format'
import { DatePicker, Input, Picker, TextArea } from '../ui'

/**
 * Form rows on NutUI controls: a label above, the control, and what is wrong with it right
 * under it (all at once, from the answer's field list). The label is ours because NutUI's
 * Form lays label and control side by side, too narrow for 长辈模式.
 */
export function Field({ label, error, children, hint }: { label: string; error?: string; hint?: string; children: ReactNode }) {
  return (
    <View className='yq-form-row'>
      <Text className='yq-label'>{label}</Text>
      {children}
      <FieldError message={error} />
      {hint ? <Text className='yq-muted yq-hint'>{hint}</Text> : null}
    </View>
  )
}

export function TextField(props: {
  label: string
  value: string
  onChange: (v: string) => void
  placeholder: string
  error?: string
  hint?: string
  type?: 'text' | 'number' | 'digit'
  maxLength?: number
}) {
  return (
    <Field label={props.label} error={props.error} hint={props.hint}>
      <View className={`yq-field ${props.error ? 'yq-field--error' : ''}`}>
        <Input
          value={props.value}
          type={props.type ?? 'text'}
          maxLength={props.maxLength ?? 140}
          placeholder={props.placeholder}
          onChange={props.onChange}
          aria-label={props.label}
        />
      </View>
    </Field>
  )
}

export function TextAreaField(props: { label: string; value: string; onChange: (v: string) => void; placeholder: string; error?: string; maxLength?: number }) {
  return (
    <Field label={props.label} error={props.error}>
      <View className={`yq-field ${props.error ? 'yq-field--error' : ''}`}>
        <TextArea value={props.value} maxLength={props.maxLength ?? 500} placeholder={props.placeholder} onChange={props.onChange} autoSize />
      </View>
    </Field>
  )
}

/** A choice from a list, in NutUI's Picker (a bottom sheet, enlarged in 长辈模式). */
export function ChoiceField<V extends string>(props: {
  label: string
  title: string
  options: Array<{ label: string; value: V }>
  value?: V
  onChange: (v: V) => void
  placeholder: string
  error?: string
}) {
  const [open, setOpen] = useState(false)
  const chosen = props.options.find((o) => o.value === props.value)
  return (
    <Field label={props.label} error={props.error}>
      <View className={`yq-field yq-choice yq-tap ${chosen ? '' : 'yq-choice--empty'} ${props.error ? 'yq-field--error' : ''}`} onClick={() => setOpen(true)}>
        <Text>{chosen ? chosen.label : props.placeholder}</Text>
        <Text className='yq-choice__arrow'>选择 ›</Text>
      </View>
      <Picker
        className='yq-picker'
        visible={open}
        title={props.title}
        options={[props.options]}
        // The wheel opens on the chosen item, or on the first: 确认 without turning it picks what it shows.
        value={props.value ? [props.value] : props.options[0] ? [props.options[0].value] : undefined}
        onConfirm={(_, values) => {
          setOpen(false)
          if (values[0] !== undefined && values[0] !== null) props.onChange(String(values[0]) as V)
        }}
        onClose={() => setOpen(false)}
        onCancel={() => setOpen(false)}
      />
    </Field>
  )
}

/** A date and time in NutUI's DatePicker; `value` is a picker date (utils/format pickerDate: Beijing's fields). */
export function DateTimeField(props: {
  label: string
  title: string
  value: Date
  onChange: (d: Date) => void
  error?: string
  min: Date
  max: Date
  testId?: string
}) {
  const [open, setOpen] = useState(false)
  return (
    <Field label={props.label} error={props.error}>
      <View className={`yq-field yq-choice yq-tap ${props.error ? 'yq-field--error' : ''}`} onClick={() => setOpen(true)} data-testid={props.testId}>
        <Text>{pickerShown(props.value)}</Text>
        <Text className='yq-choice__arrow'>修改 ›</Text>
      </View>
      <DatePicker
        className='yq-picker'
        visible={open}
        title={props.title}
        type='datetime'
        showChinese
        minuteStep={15}
        startDate={props.min}
        endDate={props.max}
        value={props.value}
        onConfirm={(_, values) => {
          setOpen(false)
          const [y, mo, d, h, mi] = values.map(Number)
          props.onChange(new Date(y, mo - 1, d, h, mi))
        }}
        onClose={() => setOpen(false)}
        onCancel={() => setOpen(false)}
      />
    </Field>
  )
}
