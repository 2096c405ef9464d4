import { registerDecorator, type ValidationArguments, type ValidationOptions } from 'class-validator';

/**
 * Applies one of the contracts package's pure validators (which return null or a Chinese message)
 * as a class-validator rule, so the API and the web forms share the rule and its wording.
 */
export function Validates(fn: (value: string) => string | null, options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: `validates_${fn.name}`,
      target: target.constructor,
      propertyName: propertyName as string,
      options: {
        ...options,
        message: (args: ValidationArguments) => (typeof args.value === 'string' ? fn(args.value) : null) ?? '格式不正确',
      },
      validator: {
        validate: (value: unknown) => typeof value === 'string' && fn(value) === null,
      },
    });
  };
}
