import type { TemplateKey } from '@contract'

const nothing = (): void => undefined

/** A browser has no WeChat subscribe messages: the inbox (消息) is where people read them. */
export function useSubscribe(_key: TemplateKey): () => void {
  return nothing
}
