import { z } from 'zod';

/**
 * Every message zod writes is read by a person under a form field (DOMAIN.md: plain
 * Chinese). Fields whose limits matter carry their own message in the units of their form
 * (小时, 时间币, 人, 字); this map is the plain Chinese for everything else, so no English
 * default ("Too big: expected number to be <=100000") can reach a screen. zod's own zh-CN
 * locale was not used: it speaks in types ("无效输入：期望 number，实际接收 string"), which
 * an elder cannot act on.
 */
export function chineseMessage(issue: z.core.$ZodRawIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.expected === 'int' && typeof issue.input === 'number') return '请填写整数';
      return issue.input === undefined || issue.input === null ? '请填写这一项' : '这一项的内容不对';
    case 'too_small':
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? '请填写这一项' : `至少 ${issue.minimum} 个字`;
      if (issue.origin === 'array' || issue.origin === 'set') return `至少选择 ${issue.minimum} 项`;
      return issue.inclusive ? `不能小于 ${issue.minimum}` : `必须大于 ${issue.minimum}`;
    case 'too_big':
      if (issue.origin === 'string') return `最多 ${issue.maximum} 个字`;
      if (issue.origin === 'array' || issue.origin === 'set') return `最多 ${issue.maximum} 项`;
      return issue.inclusive ? `不能大于 ${issue.maximum}` : `必须小于 ${issue.maximum}`;
    case 'invalid_format':
      if (issue.format === 'datetime' || issue.format === 'date' || issue.format === 'time') return '时间格式不对';
      if (issue.format === 'url') return '网址格式不对';
      return '格式不对';
    case 'not_multiple_of':
      return '请填写整数';
    case 'unrecognized_keys':
      return `不认识的内容：${issue.keys.join('、')}`;
    case 'invalid_value':
      return '请从给出的选项中选择';
    case 'invalid_union':
    case 'invalid_key':
    case 'invalid_element':
    case 'custom':
    default:
      return '这一项的内容不对';
  }
}

z.config({ customError: chineseMessage });
