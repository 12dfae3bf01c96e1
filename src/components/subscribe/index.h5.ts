import type { TemplateKey } from '@contract'

/** A browser has no WeChat subscribe messages: the inbox (消息) is where people read them. */
export async function askSubscribe(_key: TemplateKey): Promise<void> {}
