import Taro from '@tarojs/taro'
import type { TemplateKey } from '@contract'
import { call } from '../../api/client'

/**
 * One-time subscribe message (DOMAIN.md "Messages"): WeChat asks the person; what they chose
 * is recorded so the functions send at most one message per grant. A failure (no template
 * configured, the person closed the dialog, no network) never blocks what they were doing.
 */
export async function askSubscribe(key: TemplateKey): Promise<void> {
  try {
    const template = (await call('message', 'templates')).items.find((t) => t.key === key)
    if (!template) return
    const answer = (await Taro.requestSubscribeMessage({ tmplIds: [template.templateId], entityIds: [] } as never)) as unknown as Record<string, string>
    await call('message', 'subscribed', { templateKey: key, accepted: answer[template.templateId] === 'accept' })
  } catch {
    // Not asked or not recorded: the message still reaches the inbox.
  }
}
