export * from './transformation';
export * from './parse-transformation';
export * from './asset-presets';
export * from './resolve-format';
export * from './variant-name';
export * from './image-transformer';
export * from './image-size';
export { buildPipeline, type PipelineLimits } from './build-pipeline';
export * from './media.module';
