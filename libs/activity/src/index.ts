export * from './activity-writer';
export * from './revision-writer';
export * from './change-writer';
