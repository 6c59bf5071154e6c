// `yaml` ships CommonJS to Node (70-odd files); it is loaded only when a file has broken YAML.
import { createRequire } from 'node:module';

type YamlModule = typeof import('yaml');
let yamlModule: YamlModule | undefined;

export function yaml(): YamlModule {
  yamlModule ??= createRequire(import.meta.url)('yaml') as YamlModule;
  return yamlModule;
}
