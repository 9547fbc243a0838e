/** YAML text as the project writes it: block style, no line folding, a header comment. */
import { stringify } from 'yaml';
import { yamlHeader } from './generated-header';

/** YAML for `value` preceded by the generated-file header naming `sources`. */
export function yamlFile(value: unknown, sources: readonly string[]): string {
  return yamlHeader(sources) + stringify(value, { lineWidth: 0, indent: 2, aliasDuplicateObjects: false });
}
