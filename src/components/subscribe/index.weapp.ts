import Taro from '@tarojs/taro'
import { useCallback, useEffect } from 'react'
import type { TemplateKey } from '@contract'
import { call } from '../../api/client'

let templates: Array<{ key: TemplateKey; templateId: string }> | undefined
let loading: Promise<void> | undefined

/** The deployment's template ids, asked for once per launch (they change only with a deploy). */
function loadTemplates(): void {
  loading ??= call('message', 'templates').then(
    (r) => {
      templates = r.items
    },
    () => {
      loading = undefined
    },
  )
}

/**
 * One-time subscribe message (DOMAIN.md "Messages"). The screen loads the template ids when it
 * opens, so that at the tap nothing is left to wait for: WeChat opens its dialog only when
 * wx.requestSubscribeMessage is called inside the tap itself, and answers "can only be invoked
 * by user TAP gesture" after an await. What the person chose is then recorded, so the functions
 * send at most one message per grant. A failure never blocks what they were doing; the message
 * still reaches the inbox.
 */
export function useSubscribe(key: TemplateKey): () => void {
  useEffect(loadTemplates, [])
  return useCallback(() => {
    const template = templates?.find((t) => t.key === key)
    if (!template) return
    Taro.requestSubscribeMessage({ tmplIds: [template.templateId], entityIds: [] } as never)
      .then((answer) =>
        call('message', 'subscribed', { templateKey: key, accepted: (answer as unknown as Record<string, string>)[template.templateId] === 'accept' }),
      )
      .catch(() => undefined)
  }, [key])
}
