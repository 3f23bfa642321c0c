export * from './activity-writer';
export * from './revision-writer';
