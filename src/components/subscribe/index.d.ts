import type { TemplateKey } from '@contract'

/** Asks, on WeChat, for one subscribe message of this kind (at the moment it matters); nothing on H5. Never throws. */
export declare function askSubscribe(key: TemplateKey): Promise<void>
