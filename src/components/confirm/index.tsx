import { View } from '@tarojs/components'
import { useRef, useState, type ReactNode } from 'react'
import { Dialog } from '../ui'

interface Ask {
  title: string
  content: ReactNode
  confirmText: string
}

/**
 * Asks before an act that cannot be undone (donate, approve a whole activity, settle, suspend,
 * check someone in by hand, cancel a code): `await confirm({...})` is true only when the
 * person taps the confirm button. Render `dialog` once in the screen.
 */
export function useConfirm(): { confirm: (ask: Ask) => Promise<boolean>; dialog: ReactNode } {
  const [ask, setAsk] = useState<Ask | undefined>(undefined)
  const answer = useRef<((yes: boolean) => void) | undefined>(undefined)
  const close = (yes: boolean) => {
    answer.current?.(yes)
    answer.current = undefined
    setAsk(undefined)
  }
  const confirm = (next: Ask) =>
    new Promise<boolean>((resolve) => {
      answer.current?.(false)
      answer.current = resolve
      setAsk(next)
    })
  const dialog = (
    <Dialog
      className='yq-dialog'
      visible={!!ask}
      title={ask?.title}
      content={<View data-testid='confirm-content'>{ask?.content}</View>}
      confirmText={ask?.confirmText ?? '确定'}
      cancelText='再想想'
      footerDirection='vertical'
      onConfirm={() => close(true)}
      onCancel={() => close(false)}
      onClose={() => close(false)}
    />
  )
  return { confirm, dialog }
}
