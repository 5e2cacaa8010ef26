export { buildModels, buildModelsRebuildingOutdated, OutdatedTableError, type BuildOptions, type BuildResult } from './build.js';
export { runModelTests, type ModelTestResult } from './model-tests.js';
export { loadCalendar, readCalendar, parseCalendarCsv } from './calendar.js';
export { loadModels, buildOrder, renderModel, modelsDatabase, affectedModels } from './project.js';
export { ModelRefresher, type RefresherOptions } from './refresh.js';
export { outsideCalendar, logDataQuality, type OutsideCalendar } from './data-quality.js';
export { verifyModels, shadowDatabase, type ModelCheck } from './verify.js';
