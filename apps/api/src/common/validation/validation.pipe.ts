import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { AppException } from '../errors/app.exception.js';

const CJK = /[\u4e00-\u9fff]/;

/** Chinese default messages for class-validator constraints used without an explicit message. */
function defaultMessage(constraint: string, raw: string): string {
  switch (constraint) {
    case 'whitelistValidation':
      return '不允许的字段';
    case 'isNotEmpty':
    case 'isDefined':
      return '此项为必填项';
    case 'isString':
      return '应为文本';
    case 'isInt':
      return '应为整数';
    case 'isNumber':
      return '应为数字';
    case 'isBoolean':
      return '应为是或否';
    case 'isEnum':
    case 'isIn':
      return '取值不在允许范围内';
    case 'isUuid':
    case 'isUUID':
      return '标识格式有误';
    case 'isEmail':
      return '请输入有效的电子邮箱';
    case 'isDateString':
    case 'isISO8601':
      return '日期格式应为 YYYY-MM-DD';
    case 'maxLength': {
      const n = raw.match(/(\d+)/)?.[1];
      return n ? `长度不能超过${n}个字符` : '内容过长';
    }
    case 'minLength': {
      const n = raw.match(/(\d+)/)?.[1];
      return n ? `长度不能少于${n}个字符` : '内容过短';
    }
    case 'min':
      return `数值过小`;
    case 'max':
      return `数值过大`;
    case 'isArray':
      return '应为列表';
    case 'arrayMaxSize': {
      const n = raw.match(/(\d+)/)?.[1];
      return n ? `最多${n}条` : '条目过多';
    }
    case 'matches':
      return '格式不正确';
    case 'nestedValidation':
    case 'isObject':
      return '格式不正确';
    default:
      return '输入有误';
  }
}

export function flattenValidationErrors(errors: ValidationError[], prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of errors) {
    const path = prefix ? `${prefix}.${e.property}` : e.property;
    if (e.constraints) {
      const entries = Object.entries(e.constraints);
      const missing = e.value === undefined || e.value === null || e.value === '';
      // A missing value is reported as missing, not as a wrong format; otherwise the first rule
      // in declaration order (class-validator lists the innermost decorator first, so reverse).
      const pick =
        entries.find(([k]) => k === 'whitelistValidation') ??
        entries.find(([k]) => k === 'isNotEmpty' || k === 'isDefined') ??
        (missing ? (['isNotEmpty', '此项为必填项'] as [string, string]) : entries[entries.length - 1]!);
      const [key, raw] = pick;
      out[path] = CJK.test(raw) ? raw : defaultMessage(key, raw);
    }
    if (e.children?.length) Object.assign(out, flattenValidationErrors(e.children, path));
  }
  return out;
}

/** Global validation: unknown fields rejected, payloads transformed, errors as field paths with Chinese messages. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: true },
    exceptionFactory: (errors) => AppException.validation(flattenValidationErrors(errors)),
  });
}
