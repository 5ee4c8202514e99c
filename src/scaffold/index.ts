export { pluginNameProblem, pluginPackageName, SCAFFOLD_KINDS, type ScaffoldKind } from './plugin-name.js';
export { scaffoldFiles, type ScaffoldFile } from './scaffold-files.js';
export { checkScaffoldTarget, writeScaffold } from './write-scaffold.js';
