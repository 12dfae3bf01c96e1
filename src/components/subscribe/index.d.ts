import type { TemplateKey } from '@contract'

/**
 * On WeChat, a function that asks for one subscribe message of this kind. Call it first thing
 * in a tap handler, before anything is awaited: WeChat shows its dialog only inside the tap.
 * Nothing on H5. Never throws.
 */
export declare function useSubscribe(key: TemplateKey): () => void
