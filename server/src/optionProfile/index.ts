/**
 * Wires the option profile service to the schema area: the bundled XSD (server/data), the XSD
 * loader and the simple-value checker. With schemaFile.ts the only files here that touch the file
 * system, and only when the service loads a schema (first use, or configure() with a new schemaPath).
 */
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { checkSimpleValue } from '../schema/simpleValue';
import { loadContentModel } from '../schema/xsdLoader';
import { dataPath } from '../util/dataPath';
import type { Logger } from '../util/runner';
import type { ContentModel } from '../schema/contentModel';
import { parseXml } from '../xml/xmlParser';
import type { OptionProfileProblem } from './problems';
import { loadSchemaFile } from './schemaFile';
import { OptionProfileService } from './service';
import { documentProblems, type ProblemSet } from './validator';

export { DIAGNOSTIC_SOURCE as OPTION_PROFILE_SOURCE, OptionProfileCode, type OptionProfileProblem } from './problems';
export { completion as optionProfileCompletion } from './completion';
export { hover as optionProfileHover } from './hover';

let bundled: ContentModel | undefined;

/** The bundled schema's content model (server/data/option_profiles.xsd), loaded once. */
export function bundledContentModel(): ContentModel {
  if (!bundled) {
    const path = dataPath('option_profiles.xsd');
    bundled = loadContentModel(readFileSync(path, 'utf8'), path);
  }
  return bundled;
}

/**
 * Every problem of an option profile document, well-formedness and validity, in document order:
 * the pure function behind the diagnostics (the xmllint oracle test compares its verdict).
 * An empty list means the document is valid against `model` (the bundled schema by default).
 */
export function validateOptionProfile(text: string, model: ContentModel = bundledContentModel()): OptionProfileProblem[] {
  return optionProfileProblems(text, model).problems;
}

/** The same, with the count of problems found beyond those kept (util/limits.ts MAX_PROBLEMS). */
export function optionProfileProblems(text: string, model: ContentModel = bundledContentModel()): ProblemSet {
  return documentProblems(parseXml(text, { storeLeafText: false }), model, checkSimpleValue);
}

export function createOptionProfileService(logger: Logger): OptionProfileService {
  return new OptionProfileService({
    logger,
    checkValue: checkSimpleValue,
    bundledModel: bundledContentModel,
    loadUserModel: async (setting) => {
      const path = setting.startsWith('~/') ? join(homedir(), setting.slice(2)) : setting;
      if (!isAbsolute(path)) throw new Error('the path must be absolute (or start with ~/)');
      return loadSchemaFile(path);
    },
  });
}
