import type { Rule } from 'antd/es/form';

/** Wraps a contracts validator (null = valid, else a Chinese message) as an antd Form rule. */
export function ruleFrom(validate: (value: string) => string | null, { optional = false } = {}): Rule {
  return {
    validator: async (_rule, value: string | undefined) => {
      if (optional && (value === undefined || value === '')) return;
      const msg = validate(value ?? '');
      if (msg) throw new Error(msg);
    },
  };
}

export function required(message: string): Rule {
  return { required: true, whitespace: true, message };
}
