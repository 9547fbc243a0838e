/**
 * The `--config <file.yaml>` option every command takes the same way: a deployment's settings, validated against
 * config/settings.ts and merged into its defaults before any definition is made.
 */
import { resolve } from 'node:path';
import { Option } from 'commander';
import { cdbProject } from '../../project';
import { cdbSettings } from '../../config/settings';
import type { ProjectDefinitions } from '../../engine/model/project';

/** The option, as each command declares it. */
export function configOption(): Option {
  return new Option('--config <file.yaml>', 'deployment settings overriding config/settings.ts: thresholds, block, trading (quote currency), scrape, datasource, receivers, SLO objectives, links');
}

/** The CdB definitions made from the settings of `config` (the defaults without it); throws SettingsError. */
export function projectFromConfig(config: string | undefined): ProjectDefinitions {
  return cdbProject(cdbSettings(config ? resolve(config) : undefined));
}
